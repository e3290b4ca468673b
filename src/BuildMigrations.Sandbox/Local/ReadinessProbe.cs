using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BuildMigrations.Sandbox.Local;

/// <summary>Confirms that a started server really accepts connections before it is handed out.</summary>
internal static class ReadinessProbe
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Probes until the server accepts connections, or throws once <paramref name="timeout"/> has passed.</summary>
    public static async Task WaitUntilAcceptingAsync(
        PostgresBinaries binaries, string host, int port, string user, TimeSpan timeout,
        Func<string> readLogTail, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var failure = await ProbeAsync(binaries, host, port, user, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return;
            }

            if (clock.Elapsed >= timeout)
            {
                throw new LocalPostgresException(
                    $"PostgreSQL on {host}:{port} started but does not accept connections after {timeout.TotalSeconds:0} s."
                    + $"{Environment.NewLine}{failure}{Environment.NewLine}Server log:{Environment.NewLine}{readLogTail()}");
            }

            // pg_ctl -w has already waited for start-up, so this retry loop normally never runs.
            await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns null when the server accepts connections, otherwise a description of why not.</summary>
    private static async Task<string?> ProbeAsync(
        PostgresBinaries binaries, string host, int port, string user, CancellationToken cancellationToken)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        if (binaries.PgIsReady is { } pgIsReady)
        {
            // pg_isready speaks the protocol, so it also catches "the database system is starting up".
            var result = await ProcessRunner.RunAsync(
                pgIsReady, ["-h", host, "-p", portText, "-U", user, "-d", "postgres", "-t", "5"], ProbeTimeout, cancellationToken)
                .ConfigureAwait(false);
            return result.Succeeded ? null : result.Describe();
        }

        // Without pg_isready, an accepted TCP connection is the best evidence available from the BCL.
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Parse(host), port, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (SocketException ex)
        {
            return $"Connecting to {host}:{portText} failed: {ex.Message}";
        }
    }
}
