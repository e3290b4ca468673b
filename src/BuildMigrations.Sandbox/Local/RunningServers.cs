using System.Collections.Concurrent;

namespace BuildMigrations.Sandbox.Local;

/// <summary>
/// Local servers still running in this process, stopped when it exits normally. A killed process runs no exit
/// handler: <see cref="Reaper"/> covers that case.
/// </summary>
internal static class RunningServers
{
    // A process exit allows little time; stopping in parallel keeps many leftover servers within it.
    private static readonly TimeSpan ExitBudget = TimeSpan.FromSeconds(10);
    private static readonly ConcurrentDictionary<IAsyncDisposable, byte> Servers = new();

    // The static constructor runs on first use, so merely loading the assembly installs no handler.
    static RunningServers() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    public static void Add(IAsyncDisposable server) => Servers.TryAdd(server, 0);

    public static void Remove(IAsyncDisposable server) => Servers.TryRemove(server, out _);

    private static void StopAll()
    {
        var stops = Servers.Keys.Select(server => Task.Run(() => server.DisposeAsync().AsTask())).ToArray();
        try
        {
            Task.WaitAll(stops, ExitBudget);
        }
        catch (AggregateException)
        {
            // The process is exiting; there is nobody left to report a failed cleanup to.
        }
    }
}
