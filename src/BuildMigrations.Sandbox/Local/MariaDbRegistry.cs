using System.Collections.Concurrent;

namespace BuildMigrations.Sandbox.Local;

/// <summary>
/// Remembers every server this process started so none outlives it when callers forget to dispose
/// (for example a test run that ends early). Best effort: a SIGKILLed host cannot run this.
/// </summary>
internal static class MariaDbRegistry
{
    private static readonly TimeSpan ExitBudget = TimeSpan.FromSeconds(10);
    private static readonly ConcurrentDictionary<LocalMariaDbServer, byte> Live = new();

    static MariaDbRegistry() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    public static void Add(LocalMariaDbServer server) => Live.TryAdd(server, 0);

    public static void Remove(LocalMariaDbServer server) => Live.TryRemove(server, out _);

    private static void StopAll()
    {
        // Stop in parallel so many leftover servers still fit in the short time a process exit allows.
        var stops = Live.Keys.Select(server => Task.Run(() => server.DisposeAsync().AsTask())).ToArray();
        try
        {
            Task.WaitAll(stops, ExitBudget);
        }
        catch (AggregateException)
        {
            // Nothing useful to do while the process is exiting.
        }
    }
}
