namespace BuildMigrations.Sandbox.Local;

/// <summary>
/// PostgreSQL's server tools (initdb, pg_ctl, postgres) refuse to run as root. When this process is root
/// (typical in containers and CI), they are run as the unprivileged user <c>nobody</c> through
/// <c>runuser</c>, on a directory that user owns.
/// </summary>
internal static class UnprivilegedUser
{
    private const string UserName = "nobody";

    private static readonly string[] RunUserLocations =
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"];

    /// <summary>True when the server tools must be run as another user (we are root on Unix).</summary>
    public static bool IsNeeded => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    /// <summary>Returns the command to run so that <paramref name="fileName"/> runs unprivileged.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) Wrap(string fileName, IReadOnlyList<string> arguments)
    {
        if (!IsNeeded)
        {
            return (fileName, arguments);
        }

        // root's PATH sometimes lacks /usr/sbin (e.g. after a plain `su`), so look in the usual places first.
        var runUser = RunUserLocations.FirstOrDefault(File.Exists) ?? "runuser";
        return (runUser, ["-u", UserName, "--", fileName, .. arguments]);
    }

    /// <summary>Hands <paramref name="directory"/> to the unprivileged user, if one is needed.</summary>
    public static async Task GiveOwnershipAsync(string directory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!IsNeeded)
        {
            return;
        }

        EnsureParentsAreTraversable(directory);

        // "nobody:" means "nobody and its login group", which avoids guessing nogroup vs nobody.
        var result = await ProcessRunner.RunAsync("chown", ["-R", $"{UserName}:", directory], timeout, cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LocalPostgresException(
                $"Could not give '{directory}' to user '{UserName}', which PostgreSQL needs because it refuses to run as root."
                + $"{Environment.NewLine}{result.Describe()}");
        }
    }

    /// <summary>
    /// The unprivileged user must be able to walk down to the data directory; a temp path under e.g.
    /// /root would fail later with an obscure "permission denied" from initdb.
    /// </summary>
    private static void EnsureParentsAreTraversable(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        for (var parent = Path.GetDirectoryName(directory); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (!File.GetUnixFileMode(parent).HasFlag(UnixFileMode.OtherExecute))
            {
                throw new LocalPostgresException(
                    $"'{parent}' is not traversable by user '{UserName}', so PostgreSQL cannot reach its data directory "
                    + $"'{directory}'. Point TMPDIR at a world-accessible directory such as /tmp.");
            }
        }
    }
}
