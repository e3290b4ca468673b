using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Engines.Sqlite;

/// <summary>
/// The deploy lock of one database file and history table: an exclusive OS lock on a sibling file
/// (<c>app.db.migration_history.lock</c>), held open by the session that owns it.
/// </summary>
/// <remarks>
/// <para>The lock is the open file itself (<see cref="FileShare.None"/>: <c>flock(LOCK_EX | LOCK_NB)</c> on Unix, a
/// share mode on Windows), so the operating system drops it when the handle closes, however the process ends:
/// disposal, a crash, or SIGKILL. Trying never waits: a held lock makes opening fail at once.</para>
/// <para>The file is never deleted: a deployer that opened it just before another deleted it would lock an orphaned
/// file while a third created and locked a new one, and both would deploy. An empty file left beside the database is
/// the price. Database sandboxes remove it with the database.</para>
/// <para>Why not SQLite's own locks: a <c>BEGIN IMMEDIATE</c> held for the whole deploy would make every migration a
/// savepoint of one transaction (no commit per migration, no <c>VACUUM</c> or <c>no-transaction</c> script), and a
/// lock row in a table would survive a SIGKILL.</para>
/// </remarks>
internal sealed class SqliteLockFile(string path) : IDisposable
{
    private FileStream? _held;

    /// <summary>The lock file beside <paramref name="databaseFile"/> for <paramref name="historyTable"/>.</summary>
    public static SqliteLockFile For(string databaseFile, HistoryTableName historyTable) => new($"{databaseFile}.{historyTable.Table}.lock");

    public string Path => path;

    /// <summary>Takes the lock if no other session holds it; true when this session now holds it.</summary>
    public bool TryAcquire()
    {
        if (_held is not null)
            return true;
        ThrowIfFileLockingIsDisabled();
        try
        {
            _held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false; // another session holds it
        }
    }

    /// <summary>
    /// Whether another session holds the lock, asked by trying it for an instant without creating the file; null when the
    /// file cannot be opened to ask.
    /// </summary>
    public bool? IsHeldElsewhere()
    {
        if (_held is not null)
            return false;
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false; // never locked
        }
        catch (IOException) when (File.Exists(path))
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Release()
    {
        _held?.Dispose();
        _held = null;
    }

    public void Dispose() => Release();

    // .NET can be told to skip the OS lock behind FileShare.None; the lock would then silently hold nothing.
    private static void ThrowIfFileLockingIsDisabled()
    {
        var variable = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING");
        if ((AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled) || variable is "1" || "true".Equals(variable, StringComparison.OrdinalIgnoreCase))
            throw new DiagnosticException(DeployProblems.CannotConnect(
                "file locking is disabled in this process (DOTNET_SYSTEM_IO_DISABLEFILELOCKING or System.IO.DisableFileLocking), so concurrent deployers could not be kept apart; unset it"));
    }
}
