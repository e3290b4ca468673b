using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.History;
using BuildMigrations.Engines.Verification;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Engines.PostgreSql.Tests;

/// <summary>A data script runs just before its migration's up in the proof, so the proof sees tables with rows.</summary>
public sealed class DataCarryingProofTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    private static readonly AuditContext Audit = new("Test", "1.0.0", "digest", null, "tester", "testhost", null, "test");

    private async Task<IReadOnlyList<string>> ProveSecondAsync(string addColumn)
    {
        var bundle = Bundles.Build("postgresql",
            ("0001_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY);"),
            ("0001_customers.down.sql", "DROP TABLE customers;"),
            ("0002_email.data.sql", "INSERT INTO customers (id) SELECT generate_series(1, 3);"),
            ("0002_email.up.sql", addColumn),
            ("0002_email.down.sql", "ALTER TABLE customers DROP COLUMN email;"));
        var database = await server.CreateDatabaseAsync();
        await using var engine = new PostgreSqlEngine(PostgreSqlConnections.ToConnectionString(ConnectionTarget.Resolve(server.Url(database), null)),
            HistoryTableName.Parse(HistoryTableName.DefaultTable, "public"));
        await engine.OpenAsync(default);
        var first = await RollbackProof.RunAsync(engine, bundle, bundle.Manifest.Migrations[0], Audit, default);
        Assert.Empty(first);
        return await RollbackProof.RunAsync(engine, bundle, bundle.Manifest.Migrations[1], Audit, default);
    }

    [Fact]
    public async Task NOT_NULL_without_a_default_fails_on_the_rows_of_the_data_script_with_the_database_s_message()
    {
        var problems = await ProveSecondAsync("ALTER TABLE customers ADD COLUMN email text NOT NULL;");
        var problem = Assert.Single(problems);
        Assert.Contains("the up script failed", problem);
        Assert.Contains("23502", problem); // not_null_violation: the table had rows
    }

    [Fact]
    public async Task NOT_NULL_with_a_default_passes_on_the_same_rows()
    {
        Assert.Empty(await ProveSecondAsync("ALTER TABLE customers ADD COLUMN email text NOT NULL DEFAULT '';"));
    }
}
