using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using BuildMigrations.Sandbox.Local;
using Xunit;

namespace BuildMigrations.Sandbox.Tests;

/// <summary>Exercises LocalMariaDbServer against the real MariaDB binaries installed on the machine.</summary>
public sealed class LocalMariaDbServerTests
{
    [Fact]
    public async Task StartedServerAcceptsTcpLoginWithItsPasswordOnLoopbackOnly()
    {
        await using var server = await LocalMariaDbServer.StartAsync();

        var version = await QueryAsync(server, "select version()");
        Assert.Contains("MariaDB", version);
        Assert.Equal("127.0.0.1", await QueryAsync(server, "select @@bind_address"));
        Assert.Equal(server.Port.ToString(), await QueryAsync(server, "select @@port"));
        Assert.Equal("root@127.0.0.1", await QueryAsync(server, "select current_user()"));

        var withoutPassword = await RunClientAsync(server, "select 1", password: null);
        Assert.NotEqual(0, withoutPassword.ExitCode);
        Assert.Contains("Access denied", withoutPassword.Error);

        Assert.Equal($"mariadb://root:{server.Password}@127.0.0.1:{server.Port}/app", server.Url("app"));
        Assert.Equal(["--host=127.0.0.1", $"--port={server.Port}", "--user=root", "--protocol=TCP"], server.ClientArguments);
    }

    [Fact]
    public async Task DisposeStopsTheServerAndDeletesItsDirectory()
    {
        var server = await LocalMariaDbServer.StartAsync();
        var (pid, port, directory) = (server.ServerProcessId, server.Port, server.DataDirectory);
        Assert.True(Directory.Exists(directory));
        Assert.True(IsAlive(pid));

        await server.DisposeAsync();

        Assert.False(IsAlive(pid));
        Assert.False(Directory.Exists(directory));
        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync("127.0.0.1", port));
    }

    [Fact]
    public async Task TwoServersRunSideBySide()
    {
        await using var first = await LocalMariaDbServer.StartAsync();
        await using var second = await LocalMariaDbServer.StartAsync();

        Assert.NotEqual(first.Port, second.Port);
        Assert.NotEqual(first.DataDirectory, second.DataDirectory);
        Assert.Equal(first.Port.ToString(), await QueryAsync(first, "select @@port"));
        Assert.Equal(second.Port.ToString(), await QueryAsync(second, "select @@port"));
    }

    [Fact]
    public async Task DisposingRepeatedlyAndConcurrentlyIsHarmless()
    {
        var server = await LocalMariaDbServer.StartAsync();
        var pid = server.ServerProcessId;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => server.DisposeAsync().AsTask())));
        await server.DisposeAsync();
        server.Dispose();

        Assert.False(IsAlive(pid));
        Assert.False(Directory.Exists(server.DataDirectory));
    }

    [Fact]
    public async Task MissingServerBinaryExplainsHowToInstallIt()
    {
        var options = new LocalMariaDbOptions(ServerPath: "/nonexistent/mariadbd");

        var error = await Assert.ThrowsAsync<LocalMariaDbException>(() => LocalMariaDbServer.StartAsync(options));

        Assert.Contains("mariadb-server", error.Message);
        Assert.Contains("/nonexistent/mariadbd", error.Message);
    }

    [Fact]
    public async Task PasswordNeverAppearsOnAnyProcessCommandLine()
    {
        await using var server = await LocalMariaDbServer.StartAsync();
        Assert.Equal("1", await QueryAsync(server, "select 1"));

        var commandLines = Directory.EnumerateDirectories("/proc")
            .Where(dir => int.TryParse(Path.GetFileName(dir), out _))
            .Select(dir => (Pid: int.Parse(Path.GetFileName(dir)), CommandLine: ReadCommandLine(dir)))
            .ToList();

        // The scan must see the server itself, otherwise it proves nothing.
        Assert.Contains(commandLines, p => p.Pid == server.ServerProcessId && p.CommandLine.Contains("mariadbd"));
        Assert.DoesNotContain(commandLines, p => p.CommandLine.Contains(server.Password, StringComparison.Ordinal));
    }

    private static async Task<string> QueryAsync(LocalMariaDbServer server, string sql)
    {
        var result = await RunClientAsync(server, sql, server.Password);
        Assert.True(result.ExitCode == 0, $"mariadb client failed ({result.ExitCode}): {result.Error}");
        return result.Output.Trim();
    }

    /// <summary>Runs the mariadb client over TCP; the password travels in MYSQL_PWD, never in argv.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunClientAsync(
        LocalMariaDbServer server, string sql, string? password)
    {
        var startInfo = new ProcessStartInfo("mariadb")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        startInfo.ArgumentList.Add("--no-defaults");
        foreach (var argument in server.ClientArguments)
            startInfo.ArgumentList.Add(argument);
        foreach (var argument in new[] { "--batch", "--skip-column-names", "--execute", sql })
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment.Remove("MYSQL_PWD");
        if (password is not null)
            startInfo.Environment["MYSQL_PWD"] = password;

        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>A zombie has exited; only its parent has not collected it yet.</summary>
    private static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
            return false;
        try
        {
            return !File.ReadLines(status).Any(line => line.StartsWith("State:") && line.Contains('Z'));
        }
        catch (IOException)
        {
            return false; // vanished while reading
        }
    }

    private static string ReadCommandLine(string procDirectory)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(procDirectory, "cmdline"))).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ""; // processes come and go during the scan
        }
    }
}
