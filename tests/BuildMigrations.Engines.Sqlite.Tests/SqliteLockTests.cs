using System.Diagnostics;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Engines.Sqlite.Tests;

/// <summary>The deploy lock: one holder per file and history table, tried without waiting, gone with its process.</summary>
public sealed class SqliteLockTests : IDisposable
{
    private readonly DatabaseFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sessions_exclude_each_other_until_release_and_trying_never_waits()
    {
        var file = _folder.NewFile();
        await using var first = await DatabaseFolder.OpenAsync(file);
        await using var second = await DatabaseFolder.OpenAsync(file);
        Assert.True(await first.TryAcquireLockAsync(default));
        Assert.True(await first.TryAcquireLockAsync(default)); // the holder may ask again

        var clock = Stopwatch.StartNew();
        Assert.False(await second.TryAcquireLockAsync(default));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));

        await first.ReleaseLockAsync(default);
        Assert.True(await second.TryAcquireLockAsync(default));
    }

    [Fact]
    public async Task Disposing_a_session_releases_its_lock()
    {
        var file = _folder.NewFile();
        await using (var holder = await DatabaseFolder.OpenAsync(file))
            Assert.True(await holder.TryAcquireLockAsync(default));
        await using var next = await DatabaseFolder.OpenAsync(file);
        Assert.True(await next.TryAcquireLockAsync(default));
    }

    [Fact]
    public async Task Another_history_table_has_its_own_lock()
    {
        var file = _folder.NewFile();
        await using var first = await DatabaseFolder.OpenAsync(file);
        await using var other = SqliteEngine.For(Connections.ConnectionTarget.Resolve("sqlite:" + file, null), "other_history");
        await other.OpenAsync(default);
        Assert.True(await first.TryAcquireLockAsync(default));
        Assert.True(await other.TryAcquireLockAsync(default));
    }

    /// <summary>
    /// The lock is an OS file lock (flock on Linux), so another process holding it blocks us, and its death, even by
    /// SIGKILL, frees it. util-linux's flock(1) holds the same kind of lock as our sessions; Linux only.
    /// </summary>
    [LinuxFact]
    public async Task A_lock_held_by_a_killed_process_is_free_again()
    {
        var file = _folder.NewFile();
        await using var engine = await DatabaseFolder.OpenAsync(file);
        var lockFile = SqliteLockFile.For(file, HistoryTableName.Parse(HistoryTableName.DefaultTable, "main")).Path;
        // One process holds the lock: the shell takes it on its fd 9, then becomes sleep (keeping the fd).
        using var holder = Processes.Start("sh", ["-c", "exec 9>\"$0\" && flock --exclusive 9 && exec sleep 60", lockFile]);
        try
        {
            await WaitUntilAsync(async () =>
            {
                if (!await engine.TryAcquireLockAsync(default))
                    return true;
                await engine.ReleaseLockAsync(default); // we were first: let the other process have it
                return false;
            });
        }
        finally
        {
            holder.Kill(); // SIGKILL
            await holder.WaitForExitAsync();
        }

        Assert.True(await engine.TryAcquireLockAsync(default));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the other process never took the lock");
            await Task.Delay(20);
        }
    }
}
