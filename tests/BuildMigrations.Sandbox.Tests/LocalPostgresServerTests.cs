using Xunit;
using Xunit.Abstractions;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BuildMigrations.Sandbox.Local;

namespace BuildMigrations.Sandbox.Tests;

/// <summary>Runs real PostgreSQL servers from the machine's binaries and talks to them with psql.</summary>
public sealed class LocalPostgresServerTests(ITestOutputHelper output)
{
    private const string PsqlPath = "/usr/bin/psql";

    [Fact]
    public async Task Start_gives_a_PostgreSQL_15_server_listening_only_on_loopback()
    {
        var clock = Stopwatch.StartNew();
        await using var server = await LocalPostgresServer.StartAsync();
        output.WriteLine($"Server started in {clock.ElapsedMilliseconds} ms on port {server.Port}");

        Assert.Contains("PostgreSQL 15", await QueryAsync(server, "select version()"));
        Assert.Equal("127.0.0.1", await QueryAsync(server, "show listen_addresses"));
    }

    [Fact]
    public async Task Url_and_connection_string_point_at_the_server()
    {
        await using var server = await LocalPostgresServer.StartAsync();

        Assert.Equal("postgres", await RunPsqlAsync([server.Url("postgres"), "-Atc", "select current_database()"]));
        Assert.Equal($"postgresql://postgres@127.0.0.1:{server.Port}/postgres", server.Url());
        Assert.Equal($"Host=127.0.0.1;Port={server.Port};Username=postgres;Database=app", server.ConnectionString("app"));
    }

    [Fact]
    public async Task Dispose_stops_the_server_and_deletes_its_directory()
    {
        var server = await LocalPostgresServer.StartAsync();
        var postmasterPid = ReadPostmasterPid(server.DataDirectory);
        Assert.True(Directory.Exists($"/proc/{postmasterPid}"), "the postmaster should run before disposal");

        await server.DisposeAsync();

        await Assert.ThrowsAnyAsync<SocketException>(() => ConnectAsync(server.Port));
        Assert.False(Directory.Exists(server.DataDirectory), $"{server.DataDirectory} was not deleted");
        Assert.False(IsAlive(postmasterPid), $"postmaster {postmasterPid} still runs after Dispose");
        Assert.True(await ProcEntryDisappearsAsync(postmasterPid), $"/proc/{postmasterPid} still exists");
    }

    [Fact]
    public async Task Two_servers_run_side_by_side_on_different_ports()
    {
        var starts = new[] { LocalPostgresServer.StartAsync(), LocalPostgresServer.StartAsync() };
        try
        {
            var servers = await Task.WhenAll(starts);

            Assert.NotEqual(servers[0].Port, servers[1].Port);
            Assert.NotEqual(servers[0].DataDirectory, servers[1].DataDirectory);
            Assert.Equal("1", await QueryAsync(servers[0], "select 1"));
            Assert.Equal("2", await QueryAsync(servers[1], "select 2"));
        }
        finally
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await (await start).DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Dispose_can_be_called_repeatedly_and_concurrently()
    {
        var server = await LocalPostgresServer.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => server.DisposeAsync().AsTask()));
        server.Dispose();
        await server.DisposeAsync();

        Assert.False(Directory.Exists(server.DataDirectory));
    }

    [Fact]
    public async Task Missing_binaries_give_an_exception_that_says_how_to_install_them()
    {
        var options = new LocalPostgresOptions(BinDirectory: "/nonexistent/postgresql/bin");

        var error = await Assert.ThrowsAsync<LocalPostgresException>(() => LocalPostgresServer.StartAsync(options));

        Assert.Contains("postgresql-15", error.Message);
        Assert.Contains("/nonexistent/postgresql/bin", error.Message);
    }

    private static int ReadPostmasterPid(string dataDirectory) =>
        int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>True unless the process is gone or has exited and only waits to be reaped (state Z).</summary>
    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        return File.Exists(stat) && File.ReadAllText(stat).Split(')')[^1].TrimStart()[0] != 'Z';
    }

    /// <summary>
    /// pg_ctl leaves the postmaster to be re-parented to init, so the /proc entry lasts until init reaps the
    /// exited process; on this machine's init that takes up to ~2 s, hence the bounded wait.
    /// </summary>
    private static async Task<bool> ProcEntryDisappearsAsync(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (Directory.Exists($"/proc/{pid}"))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    private static async Task ConnectAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
    }

    private static Task<string> QueryAsync(LocalPostgresServer server, string sql) =>
        RunPsqlAsync(["-h", server.Host, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", server.User, "-d", "postgres", "-Atc", sql]);

    /// <summary>Runs psql and returns its trimmed output; fails the test with psql's errors otherwise.</summary>
    private static async Task<string> RunPsqlAsync(IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(PsqlPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGCONNECT_TIMEOUT"] = "5" },
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var psql = Process.Start(startInfo)!;
        var stdout = psql.StandardOutput.ReadToEndAsync();
        var stderr = psql.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await psql.WaitForExitAsync(timeout.Token);

        Assert.True(psql.ExitCode == 0, $"psql {string.Join(' ', arguments)} failed ({psql.ExitCode}): {await stderr}");
        return (await stdout).Trim();
    }
}
