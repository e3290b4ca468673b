using System.Globalization;

namespace BuildMigrations.Sandbox.Local;

/// <summary>
/// One data directory and the pg_ctl/initdb commands that act on it. Runs the tools as an unprivileged
/// user when needed, because PostgreSQL refuses to run as root.
/// </summary>
internal sealed class PostgresCluster(PostgresBinaries binaries, string dataDirectory, string superuser)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    public string DataDirectory { get; } = dataDirectory;

    public string LogFile => Path.Combine(DataDirectory, "server.log");

    /// <summary>Creates the cluster with a passwordless superuser; locale-free so it behaves the same everywhere.</summary>
    public async Task InitializeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // --no-sync: the cluster is thrown away, so flushing it to disk would only cost time.
        var result = await RunToolAsync(
            binaries.InitDb,
            ["-D", DataDirectory, "-A", "trust", "-U", superuser, "--no-locale", "-E", "UTF8", "--no-sync"],
            timeout,
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LocalPostgresException(
                $"initdb could not create a cluster in '{DataDirectory}'.{Environment.NewLine}{result.Describe()}");
        }
    }

    /// <summary>Starts the server on <paramref name="port"/> and waits (pg_ctl -w) until it has started.</summary>
    public Task<ProcessResult> TryStartAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // A fresh log per attempt, so an earlier failure is not mistaken for the current one.
        File.Delete(LogFile);

        // pg_ctl hands -o to a shell, hence the quotes around the directory. Durability settings are off:
        // the data is thrown away anyway, and this makes DDL-heavy migration tests much faster.
        var serverOptions = $"-p {port.ToString(CultureInfo.InvariantCulture)} -k \"{DataDirectory}\" -c listen_addresses={host}"
            + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

        // The process limit is longer than pg_ctl's own, so pg_ctl gets to report its timeout itself.
        return RunToolAsync(
            binaries.PgCtl,
            ["-D", DataDirectory, "-o", serverOptions, "-w", "-t", seconds, "-l", LogFile, "start"],
            timeout + StopTimeout,
            cancellationToken);
    }

    /// <summary>Stops the server, if one runs, without a shutdown checkpoint; kills it if that does not work.</summary>
    public async Task StopAsync()
    {
        // Read before stopping: the server deletes the pid file as it exits.
        if (PostmasterProcess.TryReadPid(DataDirectory) is not int pid)
        {
            return; // Never started, or already gone.
        }

        try
        {
            var seconds = ((int)StopTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await RunToolAsync(
                binaries.PgCtl,
                ["-D", DataDirectory, "-m", "immediate", "-w", "-t", seconds, "stop"],
                StopTimeout + StopTimeout,
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (LocalPostgresException)
        {
            // pg_ctl hung or could not run: the pid-based fallback below still stops the server.
        }

        await PostmasterProcess.EnsureGoneAsync(pid, StopTimeout).ConfigureAwait(false);
    }

    /// <summary>The last lines of the server log, for exception messages.</summary>
    public string ReadLogTail()
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(LogFile).TakeLast(30));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(no server log: {ex.Message})";
        }
    }

    private static Task<ProcessResult> RunToolAsync(
        string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (fileName, wrappedArguments) = UnprivilegedUser.Wrap(program, arguments);
        return ProcessRunner.RunAsync(fileName, wrappedArguments, timeout, cancellationToken);
    }
}
