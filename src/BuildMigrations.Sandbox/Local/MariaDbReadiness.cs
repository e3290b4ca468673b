namespace BuildMigrations.Sandbox.Local;

/// <summary>Decides when a freshly started mariadbd accepts logins, by actually logging in.</summary>
internal static class MariaDbReadiness
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Polls <c>select 1</c> over the unix socket until it succeeds (true) or the server exits (false).
    /// Cancellation of <paramref name="cancellationToken"/> is the timeout.
    /// </summary>
    public static async Task<bool> WaitAsync(
        string client, MariaDbLayout layout, MariaDbServerProcess server, string password,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            if (server.HasExited)
                return false;
            var probe = await MariaDbProcess.RunAsync(
                client, layout.SocketClientArguments("select 1"), ProbeTimeout, cancellationToken, password)
                .ConfigureAwait(false);
            if (probe.Succeeded)
                return true;
            // A server that answers but rejects the password will never become usable: fail now, not at timeout.
            if (probe.StandardError.Contains("ERROR 1045", StringComparison.Ordinal))
                throw new LocalMariaDbException("MariaDB rejected the generated root password. " + probe.Describe());
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Proves the TCP listener and the root@127.0.0.1 account work, as callers will use them.</summary>
    public static async Task VerifyTcpAsync(
        string client, int port, string password, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "--no-defaults", .. LocalMariaDbServer.TcpClientArguments(port),
            "--connect-timeout=5", "--batch", "--skip-column-names", "--execute", "select @@port",
        ];
        var result = await MariaDbProcess.RunAsync(client, arguments, ProbeTimeout, cancellationToken, password)
            .ConfigureAwait(false);
        if (!result.Succeeded || result.StandardOutput.Trim() != port.ToString())
            throw new LocalMariaDbException($"MariaDB is up but TCP login on port {port} failed. " + result.Describe());
    }
}
