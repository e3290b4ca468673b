using BuildMigrations.Sandbox;

namespace BuildMigrations.Testing;

/// <summary>
/// One sandbox (one server or container) per test run and engine. It is stopped when the test process exits,
/// normally or on SIGTERM/Ctrl+C; containers of killed runs are removed by the next run.
/// </summary>
internal static class SharedSandbox
{
    private static readonly Dictionary<string, Task<IDatabaseSandbox>> Open = [];

    static SharedSandbox()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAll();
    }

    public static Task<IDatabaseSandbox> GetAsync(string engine, SandboxSettings settings)
    {
        lock (Open)
        {
            if (!Open.TryGetValue(engine, out var sandbox))
                Open[engine] = sandbox = Sandboxes.OpenAsync(engine, settings, CancellationToken.None);
            return sandbox;
        }
    }

    private static void DisposeAll()
    {
        Task<IDatabaseSandbox>[] open;
        lock (Open)
            open = [.. Open.Values];
        foreach (var sandbox in open.Where(s => s.IsCompletedSuccessfully))
        {
            try
            {
                sandbox.Result.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));
            }
            catch (AggregateException)
            {
                // Process exit: nothing left to report to.
            }
        }
    }
}
