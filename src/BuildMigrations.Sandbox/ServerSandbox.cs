using BuildMigrations.Engines.Providers;

namespace BuildMigrations.Sandbox;

/// <summary>
/// Throwaway databases on one server (or folder) reached through an engine's catalog. Databases are named per
/// process and call, so parallel test runs against one existing server never collide; disposing drops every
/// database it made (when the server is shared) and stops what it started.
/// </summary>
public sealed class ServerSandbox(string engine, IDatabaseCatalog catalog, string description, IAsyncDisposable? server) : IDatabaseSandbox
{
    private readonly List<string> _created = [];
    private int _count;

    public string Engine => engine;

    public string Description => description;

    public bool CanCopy => catalog.CanCopy;

    public async Task<SandboxDatabase> CreateDatabaseAsync(string? template, CancellationToken cancellationToken)
    {
        var name = $"bm_test_{Environment.ProcessId}_{Interlocked.Increment(ref _count)}_{Guid.NewGuid().ToString("N")[..8]}";
        await catalog.CreateAsync(name, template, cancellationToken);
        lock (_created)
            _created.Add(name);
        return new SandboxDatabase(name, catalog.UrlFor(name));
    }

    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await catalog.DropAsync(name, cancellationToken);
        lock (_created)
            _created.Remove(name);
    }

    public async ValueTask DisposeAsync()
    {
        string[] created;
        lock (_created)
            created = [.. _created];
        try
        {
            // In parallel: this often runs while the test host is being shut down, so every millisecond counts.
            await Task.WhenAll(created.Select(name => DropDatabaseAsync(name, CancellationToken.None)));
        }
        finally
        {
            if (server is not null)
                await server.DisposeAsync();
        }
    }
}
