using System.Data.Common;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;

namespace BuildMigrations.Engines.PostgreSql;

/// <summary>PostgreSQL through Npgsql.</summary>
public sealed class PostgreSqlProvider : IEngineProvider
{
    public IReadOnlyList<string> Names { get; } = [Core.Model.EngineNames.PostgreSql];

    public SandboxServerKind ServerKind => SandboxServerKind.PostgreSql;

    public IMigrationEngine CreateEngine(ConnectionTarget target, string historyTable) => PostgreSqlEngine.For(target, historyTable);

    public DbConnection CreateConnection(ConnectionTarget target) => new Npgsql.NpgsqlConnection(PostgreSqlConnections.ToConnectionString(target));

    public IDatabaseCatalog OpenCatalog(ConnectionTarget admin) => new PostgreSqlCatalog(admin);
}
