using BuildMigrations.Sandbox;

namespace BuildMigrations.Testing;

/// <summary>
/// One sandbox (one server, container or folder) per test run and engine, shared by every test that holds a lease.
/// When the last lease ends (the generated tests' assembly fixture is disposed by xUnit after the assembly's last
/// test, before the test process reports its end, and each MigrationDatabase holds one while it lives) the sandboxes
/// are disposed at once, so everything is stopped before <c>dotnet test</c> returns. Process exit and the detached
/// reapers are only the safety net for runs that are cut short or killed.
/// </summary>
internal static class SharedSandbox
{
    private static readonly Dictionary<string, Task<IDatabaseSandbox>> Open = [];
    private static readonly List<Func<Task>> Closers = [];
    private static int _leases;

    static SharedSandbox()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAllAsync().Wait(TimeSpan.FromSeconds(30));
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

    /// <summary>Runs <paramref name="close"/> (closing sessions on a sandbox's databases) before the sandboxes are disposed.</summary>
    public static void BeforeDisposing(Func<Task> close)
    {
        lock (Open)
            Closers.Add(close);
    }

    /// <summary>Keeps the sandboxes alive until the matching <see cref="ReleaseAsync"/>.</summary>
    public static void Acquire()
    {
        lock (Open)
            _leases++;
    }

    /// <summary>Ends a lease; the last one disposes every sandbox now.</summary>
    public static Task ReleaseAsync()
    {
        lock (Open)
        {
            if (--_leases > 0)
                return Task.CompletedTask;
        }
        return DisposeAllAsync();
    }

    private static async Task DisposeAllAsync()
    {
        Task<IDatabaseSandbox>[] open;
        Func<Task>[] closers;
        lock (Open)
        {
            open = [.. Open.Values];
            closers = [.. Closers];
            Open.Clear();
            Closers.Clear();
        }
        foreach (var close in closers)
        {
            try
            {
                await close();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Disposing the sandbox below removes the databases anyway.
            }
        }
        foreach (var sandbox in open.Where(s => s.IsCompletedSuccessfully))
        {
            try
            {
                await sandbox.Result.DisposeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Cleanup of a finished run: the reapers remove what could not be removed here.
            }
        }
    }
}
