using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.MySql;

namespace BuildMigrations.Sandbox;

/// <summary>
/// Throwaway databases on a MySQL or MariaDB server reached through an administrator URL. MySQL cannot copy a
/// database, so <see cref="CanCopy"/> is false and callers build each database by applying migrations.
/// </summary>
public sealed class MySqlServerSandbox(string engine, string adminUrl, string description, IAsyncDisposable? server) : IDatabaseSandbox
{
    private readonly List<string> _created = [];
    private int _count;

    public string Engine => engine;

    public string Description => description;

    public bool CanCopy => false;

    public async Task<SandboxDatabase> CreateDatabaseAsync(string? template, CancellationToken cancellationToken)
    {
        if (template is not null)
            throw new NotSupportedException("MySQL and MariaDB cannot copy a database; apply the migrations to a new one");
        var name = $"bm_test_{Environment.ProcessId}_{Interlocked.Increment(ref _count)}_{Guid.NewGuid().ToString("N")[..8]}";
        await MySqlAdmin.ExecuteAsync(Admin(), $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4", cancellationToken);
        lock (_created)
            _created.Add(name);
        return new SandboxDatabase(name, new UriBuilder(adminUrl) { Path = "/" + name }.Uri.ToString());
    }

    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await MySqlAdmin.ExecuteAsync(Admin(), $"DROP DATABASE IF EXISTS `{name.Replace("`", "``")}`", cancellationToken);
        lock (_created)
            _created.Remove(name);
    }

    private ConnectionTarget Admin() => ConnectionTarget.Resolve(new UriBuilder(adminUrl) { Path = "/mysql" }.Uri.ToString(), engine);

    public async ValueTask DisposeAsync()
    {
        string[] created;
        lock (_created)
            created = [.. _created];
        try
        {
            // A server we started is deleted whole; on an existing server every database we made is dropped.
            if (server is null)
            {
                foreach (var name in created)
                    await DropDatabaseAsync(name, CancellationToken.None);
            }
        }
        finally
        {
            if (server is not null)
                await server.DisposeAsync();
        }
    }
}
