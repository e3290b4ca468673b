using BuildMigrations.Engines.MySql;
using BuildMigrations.Engines.PostgreSql;
using BuildMigrations.Engines.Providers;
using BuildMigrations.Engines.Sqlite;

namespace BuildMigrations.Engines;

/// <summary>The engines this build ships. Adding an engine is one package and one line here.</summary>
public static class KnownEngines
{
    /// <summary>Every shipped engine's provider.</summary>
    public static EngineRegistry Registry { get; } = new([new PostgreSqlProvider(), new MySqlProvider(), new SqliteProvider()]);
}
