using System.Diagnostics;
using BuildMigrations.Sandbox;
using Npgsql;

// Sandbox timings: time to a first usable database per sandbox kind, and time per fresh database copied
// from a 50-table template. Medians of several runs; each run starts from nothing.
const int Runs = 5;
var env = SandboxSettings.FromEnvironment();

await Report("local: start server + first database", () => FirstDatabaseAsync(env with { Mode = "local" }));
if (await DockerAnswersAsync())
    await Report($"docker ({env.PostgresImage}): start container + first database", () => FirstDatabaseAsync(env with { Mode = "docker" }));
else
    Console.WriteLine("docker: skipped (no engine answers)");

await using (var server = await Sandboxes.OpenAsync("postgresql", env with { Mode = "local" }, default))
{
    var url = (await server.CreateDatabaseAsync(null, default)).Url;
    await Report("existing server: first database", () => FirstDatabaseAsync(env with { Mode = url.Replace(url[(url.LastIndexOf('/') + 1)..], "postgres") }));

    var template = await server.CreateDatabaseAsync(null, default);
    await ExecuteAsync(template.Url, string.Concat(Enumerable.Range(1, 50).Select(i =>
        $"CREATE TABLE t{i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, created timestamptz DEFAULT now()); CREATE INDEX t{i}_name ON t{i} (name);")));
    NpgsqlConnection.ClearAllPools();
    await Report("fresh database copied from a 50-table template (CREATE DATABASE ... TEMPLATE)", async () =>
    {
        var clock = Stopwatch.StartNew();
        var copy = await server.CreateDatabaseAsync(template.Name, default);
        await ExecuteAsync(copy.Url, "SELECT 1");
        var elapsed = clock.Elapsed;
        await server.DropDatabaseAsync(copy.Name, default);
        return elapsed;
    }, runs: 20);
}

static async Task<TimeSpan> FirstDatabaseAsync(SandboxSettings settings)
{
    var clock = Stopwatch.StartNew();
    await using var sandbox = await Sandboxes.OpenAsync("postgresql", settings, default);
    var database = await sandbox.CreateDatabaseAsync(null, default);
    await ExecuteAsync(database.Url, "SELECT 1");
    return clock.Elapsed;
}

static async Task ExecuteAsync(string url, string sql)
{
    var target = BuildMigrations.Engines.Connections.ConnectionTarget.Resolve(url + "?pooling=false", null);
    await using var connection = new NpgsqlConnection(BuildMigrations.Engines.PostgreSql.PostgreSqlConnections.ToConnectionString(target));
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static async Task Report(string what, Func<Task<TimeSpan>> measure, int runs = Runs)
{
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
        times.Add((await measure()).TotalMilliseconds);
    times.Sort();
    Console.WriteLine($"{what}: median {times[times.Count / 2]:0} ms (min {times[0]:0}, max {times[^1]:0}, {runs} runs)");
}

static async Task<bool> DockerAnswersAsync()
{
    try
    {
        using var docker = Process.Start(new ProcessStartInfo("docker", "info") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await docker.WaitForExitAsync();
        return docker.ExitCode == 0;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return false;
    }
}
