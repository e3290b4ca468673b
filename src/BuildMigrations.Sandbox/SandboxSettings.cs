namespace BuildMigrations.Sandbox;

/// <summary>
/// How to get throwaway databases (PRODUCT.md section 7), from the environment (or the MSBuild property of the
/// same name, baked into the test assembly): <c>MIGRATIONS_TEST_DATABASE</c> = <c>auto</c> (default), <c>docker</c>,
/// <c>local</c>, or a URL of an existing server; image names and the docker network are configurable.
/// </summary>
public sealed record SandboxSettings(string Mode, string PostgresImage, string? DockerNetwork, string? PostgresBin)
{
    public const string DatabaseVariable = "MIGRATIONS_TEST_DATABASE";

    /// <summary>MIGRATIONS_TEST_MARIADB_IMAGE, default mariadb:10.11.</summary>
    public string MariaDbImage { get; init; } = "mariadb:10.11";

    /// <summary>MIGRATIONS_TEST_MYSQL_IMAGE, default mysql:8.4.</summary>
    public string MySqlImage { get; init; } = "mysql:8.4";

    /// <summary>
    /// MIGRATIONS_TEST_SKIP_WHEN_UNAVAILABLE=true: tests that need a throwaway database skip themselves when none can
    /// be had, instead of failing with how to get one (default).
    /// </summary>
    public bool SkipWhenUnavailable { get; init; }

    /// <summary>The docker image for <paramref name="engine"/>'s throwaway server.</summary>
    public string ImageFor(string engine) => engine switch
    {
        "mysql" => MySqlImage,
        "mariadb" => MariaDbImage,
        _ => PostgresImage,
    };

    /// <summary>Reads the settings; a variable that is set wins over <paramref name="defaults"/> (e.g. MSBuild properties).</summary>
    public static SandboxSettings FromEnvironment(IReadOnlyDictionary<string, string>? defaults = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? Get(string name)
        {
            var value = environment(name);
            if (string.IsNullOrWhiteSpace(value) && defaults is not null)
                defaults.TryGetValue(name, out value);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }
        return new SandboxSettings(
            Get(DatabaseVariable) ?? "auto",
            Get("MIGRATIONS_TEST_POSTGRES_IMAGE") ?? "postgres:15",
            Get("MIGRATIONS_TEST_DOCKER_NETWORK"),
            Get("MIGRATIONS_TEST_POSTGRES_BIN"))
        {
            MariaDbImage = Get("MIGRATIONS_TEST_MARIADB_IMAGE") ?? "mariadb:10.11",
            MySqlImage = Get("MIGRATIONS_TEST_MYSQL_IMAGE") ?? "mysql:8.4",
            SkipWhenUnavailable = Get("MIGRATIONS_TEST_SKIP_WHEN_UNAVAILABLE") is { } skip
                && (skip.Equals("true", StringComparison.OrdinalIgnoreCase) || skip == "1"),
        };
    }
}
