using System.Data.Common;
using System.Globalization;

namespace BuildMigrations.Sandbox.Local;

/// <summary>
/// A throwaway PostgreSQL server on 127.0.0.1, created from the binaries installed on this machine in a
/// fresh temporary directory. Disposing it stops the server and deletes the directory.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable, IDisposable
{
    private const int MaxPortAttempts = 3;

    // Unix socket paths are limited to 108 bytes including the terminating NUL.
    private const int MaxSocketPathLength = 107;

    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresCluster _cluster;
    private Reaper? _reaper;
    private readonly Lazy<Task> _shutdown;

    private LocalPostgresServer(PostgresBinaries binaries, string dataDirectory)
    {
        _cluster = new PostgresCluster(binaries, dataDirectory, User);
        _shutdown = new Lazy<Task>(ShutdownAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The address the server listens on; always the IPv4 loopback address.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The TCP port the server listens on, picked at random among free ports.</summary>
    public int Port { get; private set; }

    /// <summary>The superuser name; it authenticates without a password (trust authentication).</summary>
    public string User => "postgres";

    /// <summary>The cluster's data directory, which also holds the unix socket and <c>server.log</c>.</summary>
    public string DataDirectory => _cluster.DataDirectory;

    /// <summary>Creates a new cluster in a temporary directory and starts a server on a free port.</summary>
    /// <exception cref="LocalPostgresException">The binaries are missing or the server could not be started.</exception>
    public static async Task<LocalPostgresServer> StartAsync(
        LocalPostgresOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalPostgresOptions();
        var startTimeout = options.StartTimeout ?? DefaultStartTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(startTimeout, TimeSpan.Zero, nameof(options));

        var binaries = PostgresBinaries.Locate(options.BinDirectory);
        var server = new LocalPostgresServer(binaries, CreateShortTempDirectory());

        // Registered before anything is started so that even a half-started server is cleaned up at exit.
        RunningServers.Add(server);
        server._reaper = Reaper.AfterThisProcess(StopAndDeleteCommand(server.DataDirectory));
        try
        {
            await UnprivilegedUser.GiveOwnershipAsync(server.DataDirectory, startTimeout, cancellationToken).ConfigureAwait(false);
            await server._cluster.InitializeAsync(startTimeout, cancellationToken).ConfigureAwait(false);
            await server.StartOnFreePortAsync(startTimeout, cancellationToken).ConfigureAwait(false);
            await ReadinessProbe.WaitUntilAcceptingAsync(
                binaries, server.Host, server.Port, server.User, startTimeout, server._cluster.ReadLogTail, cancellationToken)
                .ConfigureAwait(false);
            return server;
        }
        catch
        {
            // The start-up failure is the error worth reporting; a failing cleanup must not replace it.
            try
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
            }

            throw;
        }
    }

    /// <summary>An ADO.NET (Npgsql-style) connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres")
    {
        ArgumentException.ThrowIfNullOrEmpty(database);

        // The builder quotes values that contain separators such as ';' or '='.
        var builder = new DbConnectionStringBuilder
        {
            ["Host"] = Host,
            ["Port"] = Port.ToString(CultureInfo.InvariantCulture),
            ["Username"] = User,
            ["Database"] = database,
        };
        return builder.ConnectionString;
    }

    /// <summary>A <c>postgresql://</c> URL for <paramref name="database"/> on this server, as understood by libpq.</summary>
    public string Url(string database = "postgres")
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        return $"postgresql://{User}@{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(database)}";
    }

    /// <summary>Stops the server immediately and deletes its directory. Safe to call repeatedly and concurrently.</summary>
    public async ValueTask DisposeAsync() => await _shutdown.Value.ConfigureAwait(false);

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() =>
        // Run on the thread pool so that blocking here cannot deadlock on a caller's synchronization context.
        Task.Run(() => _shutdown.Value).GetAwaiter().GetResult();

    /// <summary>Stops the postmaster (immediate shutdown, then kill) and deletes the directory, as a shell command.</summary>
    private static string StopAndDeleteCommand(string directory)
    {
        var dir = Reaper.Quote(directory);
        return $"pid=$(head -n 1 {dir}/postmaster.pid 2>/dev/null); "
            + "if [ -n \"$pid\" ]; then kill -QUIT \"$pid\" 2>/dev/null; i=0; "
            + "while kill -0 \"$pid\" 2>/dev/null && [ $i -lt 40 ]; do sleep 0.25; i=$((i+1)); done; kill -KILL \"$pid\" 2>/dev/null; fi; "
            + $"rm -rf {dir}";
    }

    private static string CreateShortTempDirectory()
    {
        // A short random name keeps "<dir>/.s.PGSQL.<port>" within the unix socket path limit.
        var directory = Directory.CreateTempSubdirectory("pg").FullName;
        if (Path.Combine(directory, ".s.PGSQL.65535").Length > MaxSocketPathLength)
        {
            Directory.Delete(directory);
            throw new LocalPostgresException(
                $"The temporary directory '{directory}' is too long to hold a unix socket. Point TMPDIR at a short path such as /tmp.");
        }

        return directory;
    }

    private async Task StartOnFreePortAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Pick();
            var result = await _cluster.TryStartAsync(Host, Port, timeout, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return;
            }

            var logTail = _cluster.ReadLogTail();

            // Another process may have taken the port between picking it and the server binding it.
            if (attempt < MaxPortAttempts && logTail.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            throw new LocalPostgresException(
                $"PostgreSQL did not start on port {Port}.{Environment.NewLine}{result.Describe()}"
                + $"{Environment.NewLine}Server log ({_cluster.LogFile}):{Environment.NewLine}{logTail}");
        }
    }

    private async Task ShutdownAsync()
    {
        RunningServers.Remove(this);
        try
        {
            await _cluster.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            _reaper?.Dismiss();
        }
    }
}
