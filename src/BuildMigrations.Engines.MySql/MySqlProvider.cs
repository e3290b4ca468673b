using System.Data.Common;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;

namespace BuildMigrations.Engines.MySql;

/// <summary>MySQL and MariaDB through MySqlConnector.</summary>
public sealed class MySqlProvider : IEngineProvider
{
    public IReadOnlyList<string> Names { get; } = [Core.Model.EngineNames.MySql, Core.Model.EngineNames.MariaDb];

    public SandboxServerKind ServerKind => SandboxServerKind.MySql;

    public IMigrationEngine CreateEngine(ConnectionTarget target, string historyTable) => MySqlEngine.For(target, historyTable);

    public DbConnection CreateConnection(ConnectionTarget target) => new MySqlConnector.MySqlConnection(MySqlConnections.ToBuilder(target).ConnectionString);

    public IDatabaseCatalog OpenCatalog(ConnectionTarget admin) => new MySqlCatalog(admin);
}
