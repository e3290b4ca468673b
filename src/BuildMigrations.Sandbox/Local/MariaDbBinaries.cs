namespace BuildMigrations.Sandbox.Local;

/// <summary>Locates the MariaDB executables a throwaway server needs.</summary>
internal sealed record MariaDbBinaries(string Server, string InstallDb, string Client)
{
    public const string ServerEnvironmentVariable = "MIGRATIONS_TEST_MARIADBD";

    private const string InstallHint =
        "Install MariaDB 10.11 with `apt-get install mariadb-server mariadb-client`, " +
        "or set " + ServerEnvironmentVariable + " to the full path of a mariadbd binary.";

    /// <summary>Finds server, install script and client; throws a helpful exception when one is missing.</summary>
    public static MariaDbBinaries Resolve(LocalMariaDbOptions options)
    {
        var server = Configured(options.ServerPath, "ServerPath")
            ?? Configured(Environment.GetEnvironmentVariable(ServerEnvironmentVariable), ServerEnvironmentVariable)
            ?? Find("mariadbd", [], ["/usr/sbin", "/usr/local/sbin"])
            ?? throw Missing("the MariaDB server (mariadbd)");

        // Prefer tools that sit next to the chosen server so a custom build uses its own matching scripts.
        var near = NearbyDirectories(server);
        var installDb = Configured(options.InstallDbPath, "InstallDbPath")
            ?? Find("mariadb-install-db", near, ["/usr/bin"])
            ?? throw Missing("mariadb-install-db");
        var client = Find("mariadb", near, ["/usr/bin"])
            ?? throw Missing("the MariaDB client (mariadb)");
        return new MariaDbBinaries(server, installDb, client);
    }

    /// <summary>The <c>kill</c> utility, used to send SIGTERM without P/Invoke; null if absent.</summary>
    public static string? KillUtility { get; } = Find("kill", [], ["/bin", "/usr/bin"]);

    private static string? Configured(string? value, string source)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        // A bare name is looked up on PATH; anything with a slash must exist as given.
        var found = value.Contains('/') ? (IsExecutable(value) ? Path.GetFullPath(value) : null) : Find(value, [], []);
        return found ?? throw Missing($"'{value}' (from {source})");
    }

    private static string? Find(string name, IEnumerable<string> preferred, IEnumerable<string> fallback)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var dirs = preferred
            .Concat(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Concat(fallback);
        return dirs.Select(dir => Path.Combine(dir, name)).FirstOrDefault(IsExecutable);
    }

    private static string[] NearbyDirectories(string server)
    {
        var dir = Path.GetDirectoryName(server) ?? "/";
        var parent = Path.GetDirectoryName(dir) ?? "/";
        return [dir, Path.Combine(parent, "bin"), Path.Combine(parent, "scripts")];
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
            return false;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    private static LocalMariaDbException Missing(string what) =>
        new($"Cannot find {what}. {InstallHint}");
}
