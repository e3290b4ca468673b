namespace BuildMigrations.Sandbox.Local;

/// <summary>Runs MariaDB's helper programs (install script, client, kill) through <see cref="ProcessRunner"/>.</summary>
internal static class MariaDbProcess
{
    public static Task<ProcessResult> RunAsync(
        string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, string? password = null) =>
        ProcessRunner.RunAsync(program, arguments.ToList(), timeout, cancellationToken,
            // The client reads the password from the environment, which (unlike argv) other users cannot see.
            password is null ? null : new Dictionary<string, string> { ["MYSQL_PWD"] = password },
            (message, inner) => inner is null ? new LocalMariaDbException(message) : new LocalMariaDbException(message, inner));
}
