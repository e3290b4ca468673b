namespace BuildMigrations.Core.Model;

/// <summary>The database engines a bundle can target.</summary>
public static class EngineNames
{
    public const string PostgreSql = "postgresql";
    public const string MySql = "mysql";
    public const string MariaDb = "mariadb";
    public const string Sqlite = "sqlite";

    /// <summary>Every engine name, as written in MigrationsEngine and bundle.json.</summary>
    public static IReadOnlyList<string> Known { get; } = [PostgreSql, MySql, MariaDb, Sqlite];

    /// <summary>The canonical (lower-case) name, or null when <paramref name="name"/> is not an engine.</summary>
    public static string? Normalize(string? name) =>
        Known.FirstOrDefault(k => string.Equals(k, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>True when a bundle for <paramref name="bundleEngine"/> may be applied through <paramref name="connectionEngine"/>: the same engine, or MySQL and MariaDB, which share the client and dialect.</summary>
    public static bool AreCompatible(string? connectionEngine, string bundleEngine) =>
        connectionEngine == bundleEngine || (IsMySqlFamily(connectionEngine) && IsMySqlFamily(bundleEngine));

    private static bool IsMySqlFamily(string? engine) => engine is MySql or MariaDb;
}
