using System.Globalization;

namespace BuildMigrations.Sandbox.Local;

/// <summary>Locates and validates the PostgreSQL server programs this machine provides.</summary>
internal sealed class PostgresBinaries
{
    /// <summary>Environment variable that overrides where the binaries are looked for.</summary>
    public const string BinDirectoryVariable = "MIGRATIONS_TEST_POSTGRES_BIN";

    private const string InstallRoot = "/usr/lib/postgresql";
    private const string PreferredBinDirectory = "/usr/lib/postgresql/15/bin";
    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];

    private PostgresBinaries(string directory) => Directory = directory;

    public string Directory { get; }

    public string InitDb => ProgramPath("initdb");

    public string PgCtl => ProgramPath("pg_ctl");

    /// <summary>The readiness probe; null when this installation does not ship it.</summary>
    public string? PgIsReady => File.Exists(ProgramPath("pg_isready")) ? ProgramPath("pg_isready") : null;

    /// <summary>Finds the binaries, or throws an exception that says how to install them.</summary>
    public static PostgresBinaries Locate(string? explicitDirectory)
    {
        var directory = NullIfBlank(explicitDirectory)
            ?? NullIfBlank(Environment.GetEnvironmentVariable(BinDirectoryVariable))
            ?? (System.IO.Directory.Exists(PreferredBinDirectory) ? PreferredBinDirectory : NewestInstalledBinDirectory());

        if (directory is null)
        {
            throw new LocalPostgresException($"No PostgreSQL installation was found under {InstallRoot}. {HowToInstall}");
        }

        var binaries = new PostgresBinaries(Path.GetFullPath(directory));
        var missing = RequiredPrograms.Where(name => !File.Exists(binaries.ProgramPath(name))).ToList();
        if (missing.Count > 0)
        {
            throw new LocalPostgresException(
                $"PostgreSQL server programs are missing from '{binaries.Directory}': {string.Join(", ", missing)}. {HowToInstall}");
        }

        return binaries;
    }

    private static string HowToInstall =>
        "Install them with `apt-get install postgresql-15`, or set the environment variable "
        + $"{BinDirectoryVariable} (or LocalPostgresOptions.BinDirectory) to a directory containing {string.Join(", ", RequiredPrograms)}.";

    private string ProgramPath(string name) =>
        Path.Combine(Directory, OperatingSystem.IsWindows() ? name + ".exe" : name);

    private static string? NewestInstalledBinDirectory()
    {
        if (!System.IO.Directory.Exists(InstallRoot))
        {
            return null;
        }

        // Version directories are "9.6", "15", "16", ...; compare them as numbers so 16 beats 9.6.
        return System.IO.Directory.GetDirectories(InstallRoot)
            .Select(path => (Path: path, Version: ParseVersion(Path.GetFileName(path))))
            .Where(entry => entry.Version >= 0 && System.IO.Directory.Exists(Path.Combine(entry.Path, "bin")))
            .OrderByDescending(entry => entry.Version)
            .Select(entry => Path.Combine(entry.Path, "bin"))
            .FirstOrDefault();
    }

    private static decimal ParseVersion(string name) =>
        decimal.TryParse(name, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version) ? version : -1;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
