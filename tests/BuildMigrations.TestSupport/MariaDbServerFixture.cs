using BuildMigrations.Sandbox.Local;

namespace BuildMigrations.TestSupport;

/// <summary>
/// One throwaway MariaDB server for a test class, and a fresh database per test. Assertions go through the
/// official client (the product has no .NET MySQL driver either), with the password in the environment.
/// </summary>
public sealed class MariaDbServerFixture : IAsyncLifetime
{
    private LocalMariaDbServer? _server;
    private int _databases;

    public LocalMariaDbServer Server => _server ?? throw new InvalidOperationException("the server is not started");

    public string Password => Server.Password;

    public async Task InitializeAsync() => _server = await LocalMariaDbServer.StartAsync();

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..30];
        await ExecuteAsync(null, $"CREATE DATABASE `{name}`");
        return name;
    }

    /// <summary><c>mariadb://root:PASSWORD@127.0.0.1:PORT/DATABASE</c>.</summary>
    public string Url(string database) => Server.Url(database);

    public Task ExecuteAsync(string? database, string sql) => RunAsync(database, sql);

    /// <summary>The first column of the first row, as text ("NULL" for null); null when there is no row.</summary>
    public async Task<string?> ScalarAsync(string database, string sql) => (await RunAsync(database, sql)).FirstOrDefault()?.Split('\t')[0];

    public async Task<bool> TableExistsAsync(string database, string table) =>
        await ScalarAsync(database, $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{database}' AND table_name = '{table}'") == "1";

    private async Task<IReadOnlyList<string>> RunAsync(string? database, string sql)
    {
        List<string> args = [.. Server.ClientArguments, "--batch", "--raw", "--skip-column-names", "-e", sql];
        if (database is not null)
            args.Add(database);
        var run = await Processes.RunAsync("mariadb", args, environment: new Dictionary<string, string?> { ["MYSQL_PWD"] = Server.Password });
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"mariadb -e \"{sql}\" failed: {run.Stderr}");
        return run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
