using System.Security.Cryptography;

namespace BuildMigrations.Sandbox.Local;

/// <summary>
/// A throwaway MariaDB server started from the binaries installed on this machine: a private temp directory,
/// a random root password and a random loopback port. Dispose it to stop the server and delete its files.
/// </summary>
public sealed class LocalMariaDbServer : IAsyncDisposable, IDisposable
{
    private const int MaxPortAttempts = 3;
    private const string PasswordAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly MariaDbLayout _layout;
    private readonly Lazy<Task> _stop;
    private readonly Reaper _reaper;
    private readonly Lock _gate = new();
    private MariaDbServerProcess? _process;
    private bool _stopping;
    private string _phase = "installing the data directory"; // for timeout messages

    private LocalMariaDbServer(MariaDbLayout layout)
    {
        _layout = layout;
        // Letters and digits only: safe inside SQL literals, URLs and option files without escaping.
        Password = RandomNumberGenerator.GetString(PasswordAlphabet, 24);
        _stop = new Lazy<Task>(StopCoreAsync, LazyThreadSafetyMode.ExecutionAndPublication);
        RunningServers.Add(this);
        // ProcessExit does not run when the test host is killed (vstest does so right after the last test).
        var pidFile = Reaper.Quote(layout.PidFile);
        _reaper = Reaper.AfterThisProcess(
            $"pid=$(cat {pidFile} 2>/dev/null); if [ -n \"$pid\" ]; then kill -TERM \"$pid\" 2>/dev/null; i=0; "
            + "while kill -0 \"$pid\" 2>/dev/null && [ $i -lt 40 ]; do sleep 0.25; i=$((i+1)); done; kill -KILL \"$pid\" 2>/dev/null; fi; "
            + $"rm -rf {Reaper.Quote(layout.Root)}");
    }

    /// <summary>The address the server listens on; it never listens on other interfaces.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The TCP port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The administrative account, <c>root</c>.</summary>
    public string User => "root";

    /// <summary>The random root password, set when the data directory was installed.</summary>
    public string Password { get; }

    /// <summary>The private temp directory holding data files, unix socket and error log.</summary>
    public string DataDirectory => _layout.Root;

    /// <summary>Process id of the running mariadbd.</summary>
    public int ServerProcessId => _process?.Id ?? 0;

    /// <summary>Client arguments to connect as root over TCP; the password is deliberately not included.</summary>
    public IReadOnlyList<string> ClientArguments => TcpClientArguments(Port);

    /// <summary>A connection URL: <c>mariadb://root:PASSWORD@127.0.0.1:PORT/DB</c>, the database part optional.</summary>
    public string Url(string? database = null) =>
        $"mariadb://{User}:{Uri.EscapeDataString(Password)}@{Host}:{Port}" +
        (string.IsNullOrEmpty(database) ? "" : "/" + Uri.EscapeDataString(database));

    /// <summary>Installs a fresh data directory and starts mariadbd on a free loopback port.</summary>
    /// <exception cref="LocalMariaDbException">Binaries are missing or the server failed to start in time.</exception>
    public static async Task<LocalMariaDbServer> StartAsync(
        LocalMariaDbOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalMariaDbOptions();
        var binaries = MariaDbBinaries.Resolve(options);
        var timeout = options.StartTimeout ?? DefaultStartTimeout;
        var server = new LocalMariaDbServer(MariaDbLayout.Create());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await server.InstallAsync(binaries, deadline.Token).ConfigureAwait(false);
            await server.LaunchAsync(binaries, deadline.Token).ConfigureAwait(false);
            return server;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = server.Failure(
                $"MariaDB did not become ready within {timeout.TotalSeconds:0.#} s (while {server._phase}).");
            await server.DisposeAsync().ConfigureAwait(false);
            throw failure;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the server (SIGTERM, then SIGKILL after 5 s) and deletes its directory. Idempotent.</summary>
    public ValueTask DisposeAsync() => new(_stop.Value);

    /// <summary>Synchronous <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => _stop.Value.GetAwaiter().GetResult();

    internal static string[] TcpClientArguments(int port) =>
        ["--host=127.0.0.1", $"--port={port}", "--user=root", "--protocol=TCP"];

    private async Task InstallAsync(MariaDbBinaries binaries, CancellationToken cancellationToken)
    {
        // Setting the password during install leaves no moment in which root has an empty password.
        // Accounts for the machine's host name are dropped: with --skip-name-resolve they are dead weight.
        _layout.WritePrivateFile(_layout.InitSql, $"""
            DELETE FROM mysql.global_priv WHERE User = 'root' AND Host NOT IN ('localhost', '127.0.0.1');
            DELETE FROM mysql.proxies_priv WHERE Host NOT IN ('localhost', '127.0.0.1');
            FLUSH PRIVILEGES;
            ALTER USER 'root'@'localhost' IDENTIFIED BY '{Password}';
            CREATE OR REPLACE USER 'root'@'127.0.0.1' IDENTIFIED BY '{Password}';
            GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
            """);
        try
        {
            var result = await MariaDbProcess.RunAsync(
                binaries.InstallDb, _layout.InstallArguments(), Timeout.InfiniteTimeSpan, cancellationToken)
                .ConfigureAwait(false);
            if (!result.Succeeded)
                throw new LocalMariaDbException("mariadb-install-db could not create the data directory. " + result.Describe());
        }
        finally
        {
            File.Delete(_layout.InitSql);
        }
    }

    private async Task LaunchAsync(MariaDbBinaries binaries, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Pick();
            var logStart = _layout.ErrorLogLength();
            lock (_gate)
            {
                // A concurrent dispose (e.g. at process exit) must not be followed by a fresh, untracked server.
                ObjectDisposedException.ThrowIf(_stopping, this);
                _process?.Dispose();
                _process = MariaDbServerProcess.Start(binaries.Server, _layout.ServerArguments(port));
                Port = port;
                _phase = $"waiting for mariadbd on port {port} to accept connections";
            }
            if (await MariaDbReadiness.WaitAsync(binaries.Client, _layout, _process, Password, cancellationToken)
                    .ConfigureAwait(false))
            {
                await MariaDbReadiness.VerifyTcpAsync(binaries.Client, port, Password, cancellationToken)
                    .ConfigureAwait(false);
                return;
            }
            // Someone else may take the port between picking it and mariadbd binding it: pick another.
            var attemptLog = _layout.ReadErrorLog(logStart);
            if (attempt < MaxPortAttempts && attemptLog.Contains("Address already in use", StringComparison.Ordinal))
                continue;
            throw Failure($"mariadbd exited with code {_process.ExitCode} before accepting connections.");
        }
    }

    private LocalMariaDbException Failure(string message) =>
        new(message +
            MariaDbText.Section($"{_layout.ErrorLog} (tail)", _layout.ReadErrorLog()) +
            MariaDbText.Section("mariadbd output", _process?.RecentOutput()));

    private async Task StopCoreAsync()
    {
        MariaDbServerProcess? process;
        lock (_gate)
        {
            _stopping = true;
            process = _process;
        }
        // Both steps are best effort and never throw: dispose must be safe to call from anywhere.
        if (process is not null)
        {
            await process.StopAsync(StopGrace).ConfigureAwait(false);
            process.Dispose();
        }
        try
        {
            _layout.Delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leaves a stray temp directory, which is harmless.
        }
        RunningServers.Remove(this);
        _reaper.Dismiss();
    }
}
