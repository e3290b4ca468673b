using System.Collections.Concurrent;

namespace BuildMigrations.Sandbox.Local;

/// <summary>
/// Remembers every server that has not been disposed yet, so that a test run which forgets to dispose
/// (or is aborted between tests) still stops its servers and deletes their directories when the process exits.
/// </summary>
internal static class RunningServers
{
    private static readonly ConcurrentDictionary<LocalPostgresServer, byte> Servers = new();

    // The static constructor runs on first use, so merely loading the assembly installs no handler.
    static RunningServers() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    public static void Add(LocalPostgresServer server) => Servers.TryAdd(server, 0);

    public static void Remove(LocalPostgresServer server) => Servers.TryRemove(server, out _);

    private static void StopAll()
    {
        // Stopped in parallel: exit handlers should not hold the process up longer than needed.
        var stops = Servers.Keys.Select(server => Task.Run(async () => await server.DisposeAsync().ConfigureAwait(false)));
        try
        {
            Task.WaitAll(stops.ToArray());
        }
        catch (AggregateException)
        {
            // The process is exiting; there is nobody left to report a failed cleanup to.
        }
    }
}
