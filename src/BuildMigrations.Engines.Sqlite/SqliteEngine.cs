using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Sql;
using BuildMigrations.Core.Sql.Sqlite;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.History;
using BuildMigrations.Engines.Schema;
using Microsoft.Data.Sqlite;

namespace BuildMigrations.Engines.Sqlite;

/// <summary>
/// SQLite through Microsoft.Data.Sqlite: one connection per session, transactional DDL (each migration and its
/// history row commit together), history in a table of the file, and a deploy lock that is an OS lock on a sibling
/// file.
/// </summary>
/// <remarks>
/// <para>The deploy lock (<see cref="SqliteLockFile"/>) is an exclusive lock on <c>DATABASE.HISTORY.lock</c> held
/// open by the session: trying it never waits, and the operating system releases it when the process ends in any
/// way, SIGKILL included. A deployer killed inside a migration leaves an uncommitted transaction, which SQLite rolls
/// back (from the journal or WAL) when the file is next opened, so nothing of that migration and no history row
/// remain.</para>
/// <para>Concurrent deployers wait for the lock without touching the database; readers such as <c>status</c> and
/// the application may still meet the lock holder's write transaction, so every connection sets a busy timeout
/// (<c>Default Timeout</c>, 30 s unless the connection string says otherwise) instead of failing at once with
/// SQLITE_BUSY. Migrations take the write lock when they begin (<c>BEGIN IMMEDIATE</c>), so a migration waits
/// behind an application's write instead of failing halfway on a lock upgrade.</para>
/// <para>SQLite's defaults are kept: <c>foreign_keys</c> stays off unless the connection string turns it on (the
/// table-rebuild recipe for ALTER TABLE needs it off), and the journal mode is whatever the file has.</para>
/// </remarks>
public sealed class SqliteEngine(SqliteDatabase database, HistoryTableName historyTable, bool createDatabase = true) : IMigrationEngine, ISchemaSnapshots
{
    private readonly SqliteHistorySql _sql = new(historyTable);
    private readonly SqliteLockFile _lock = SqliteLockFile.For(database.FilePath, historyTable);
    private SqliteConnection? _connection;

    public bool ReadsWaitForWriters => true;

    /// <summary>
    /// An engine for a connection target (URL or ADO.NET string) and a history table name (in <c>main</c>);
    /// <paramref name="createDatabase"/> false reads a missing file as an empty database instead of creating it.
    /// </summary>
    public static SqliteEngine For(ConnectionTarget target, string historyTable, bool createDatabase = true)
    {
        var table = HistoryTableName.Parse(historyTable, "main");
        if (!string.Equals(table.Schema, "main", StringComparison.OrdinalIgnoreCase))
            throw new DiagnosticException(DeployProblems.InvalidHistoryTable(historyTable));
        return new SqliteEngine(SqliteConnections.ToDatabase(target), table, createDatabase);
    }

    public string Name => Core.Model.EngineNames.Sqlite;

    public bool TransactionalDdl => true;

    private SqliteConnection Connection => _connection ?? throw new InvalidOperationException("OpenAsync was not called");

    public Core.Diagnostics.Diagnostic? MissingDatabase { get; private set; }

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var connectionString = createDatabase ? database.ConnectionString : WithoutCreating(database.ConnectionString);
        if (!createDatabase && NothingAt(database.FilePath))
        {
            // Opening the path would create the file: a status or plan with a mistyped path would leave an empty
            // database behind. An empty in-memory one answers every read the same way and leaves nothing.
            MissingDatabase = DeployProblems.DatabaseFileMissing(database.FilePath);
            connectionString = "Data Source=:memory:";
        }
        else
        {
            var folder = Path.GetDirectoryName(database.FilePath)!;
            if (!Directory.Exists(folder))
                throw new DiagnosticException(DeployProblems.CannotConnect($"the folder {folder} of the database file does not exist; create it first"));
            // Refused here, as a target that cannot be used, rather than at the tool's first statement as if the
            // database had refused it. SQLite itself only reads the file at the first statement, under its locks.
            if (!HasDatabaseHeader(database.FilePath))
                throw new DiagnosticException(DeployProblems.CannotConnect($"the file {database.FilePath} is not a SQLite database"));
        }
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var busy = new SqliteCommand($"PRAGMA busy_timeout = {(long)database.BusyTimeout.TotalMilliseconds}", connection);
            await busy.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw new DiagnosticException(DeployProblems.CannotConnect(e.Message), e);
        }
        _connection = connection;
    }

    // Not created if it disappears between the look and the open.
    private static string WithoutCreating(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
            builder.Mode = SqliteOpenMode.ReadWrite;
        return builder.ConnectionString;
    }

    // Only "not found" counts as missing: a folder at the path, or one this user may not search, is the open's to refuse.
    private static bool NothingAt(string path)
    {
        try
        {
            File.GetAttributes(path);
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // Every SQLite database file begins with these 16 bytes (sqlite.org/fileformat.html); an empty file is a new database,
    // and a missing or unreadable one is SQLite's own open to create or refuse.
    private static bool HasDatabaseHeader(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> header = stackalloc byte[16];
            return file.Length == 0 || (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.SequenceEqual("SQLite format 3\0"u8));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // unreadable: SQLite's own open says why
        }
    }

    // A session on the in-memory stand-in for a missing file has nothing on disk to guard and no lock file to leave.
    public Task<bool> TryAcquireLockAsync(CancellationToken cancellationToken) => Task.FromResult(MissingDatabase is not null || _lock.TryAcquire());

    public Task<bool?> IsLockHeldElsewhereAsync(CancellationToken cancellationToken) =>
        Task.FromResult(MissingDatabase is not null ? false : _lock.IsHeldElsewhere());

    public Task ReleaseLockAsync(CancellationToken cancellationToken)
    {
        _lock.Release();
        return Task.CompletedTask;
    }

    // Made sure of once per session: the executor asks before every command, and the check is DDL (or a catalog read).
    private bool _historyReady;

    public async Task EnsureHistoryAsync(CancellationToken cancellationToken)
    {
        if (_historyReady)
            return;
        await using var command = new SqliteCommand(_sql.Create, Connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        // History tables made by earlier versions lack the command column; SQLite has no ADD COLUMN IF NOT EXISTS.
        if (await NeedsCommandColumnAsync(cancellationToken) == true)
        {
            await using var add = new SqliteCommand(_sql.AddCommandColumn, Connection);
            await add.ExecuteNonQueryAsync(cancellationToken);
        }
        _historyReady = true;
    }

    /// <summary>Whether the history table lacks the command column (null: there is none); throws BM5037 when it is not a history table.</summary>
    private async Task<bool?> NeedsCommandColumnAsync(CancellationToken cancellationToken)
    {
        await using var columns = new SqliteCommand(_sql.ColumnCounts, Connection);
        return await HistoryTableShape.NeedsCommandColumnAsync(columns, _sql.Table, cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(CancellationToken cancellationToken, HistoryDetail detail = HistoryDetail.Full)
    {
        var needsCommandColumn = _historyReady ? false : await NeedsCommandColumnAsync(cancellationToken);
        if (needsCommandColumn is null)
            return [];
        var select = HistoryColumns.Select(detail, _sql.Table, _sql.Select);
        await using var command = new SqliteCommand(needsCommandColumn == true ? HistoryColumns.WithoutCommandColumn(select) : select, Connection);
        return await HistoryColumns.ReadAllAsync(command, cancellationToken);
    }

    public Task<long> AppendHistoryAsync(HistoryRecord record, CancellationToken cancellationToken) =>
        InsertAsync(record, transaction: null, cancellationToken);

    private async Task<long> InsertAsync(HistoryRecord record, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(_sql.Insert, Connection, transaction);
        SqliteHistoryRows.Bind(command, record, SqliteHistoryColumns.Written);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task CompleteHistoryAsync(HistoryRecord finished, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(_sql.Complete, Connection);
        SqliteHistoryRows.Bind(command, finished, SqliteHistoryColumns.Completed);
        command.Parameters.AddWithValue("@id", finished.Id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public IReadOnlyList<SqlStatement> Split(string script) => SqliteStatementSplitter.Split(script);

    public async Task RunInTransactionAsync(IReadOnlyList<SqlStatement> statements, Func<HistoryRecord> recordAfter, CancellationToken cancellationToken, Action<int>? onStatement = null)
    {
        // Not deferred: BEGIN IMMEDIATE takes the write lock now, waiting out other writers within the busy timeout.
        await using var transaction = Connection.BeginTransaction(deferred: false);
        await StatementLoop.RunAsync(statements, onStatement, statement => ExecuteAsync(statement, transaction, cancellationToken));
        await InsertAsync(recordAfter(), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task RunEachAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken, Action<int>? onStatement = null) =>
        StatementLoop.RunAsync(statements, onStatement, statement => ExecuteAsync(statement, transaction: null, cancellationToken));

    private async Task ExecuteAsync(SqlStatement statement, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(statement.Text, Connection, transaction);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new StatementFailedException(statement, e.Message, inner: e);
        }
    }

    /// <summary>Nothing to name: SQLite has no half-built objects (an index is built whole or not at all).</summary>
    public Task<string?> DescribeLeftoversAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<SchemaSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        SqliteSnapshot.ReadAsync(Connection, historyTable.Table, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _lock.Dispose();
    }
}
