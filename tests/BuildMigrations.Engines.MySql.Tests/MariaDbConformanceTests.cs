using BuildMigrations.Core.Model;
using BuildMigrations.Engines.Conformance;
using BuildMigrations.Engines.Connections;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Engines.MySql.Tests;

/// <summary>The conformance suite against a real MariaDB 10.11, through MySqlConnector.</summary>
public sealed class MariaDbConformanceTests(MariaDbServerFixture server) : EngineConformanceTests, IClassFixture<MariaDbServerFixture>
{
    protected override string EngineName => EngineNames.MariaDb;

    protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();

    protected override async Task<IMigrationEngine> OpenEngineAsync(string database)
    {
        var engine = MySqlEngine.For(ConnectionTarget.Resolve(server.Url(database), null), HistoryTableName.DefaultTable);
        await engine.OpenAsync(default);
        return engine;
    }

    protected override Task<bool> TableExistsAsync(string database, string table) => server.TableExistsAsync(database, table);
}
