using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary>drift against a real MariaDB: the fixture's server is also the dev database, so snapshots must not name the database.</summary>
public sealed class MariaDbDriftTests(MariaDbServerFixture server) : DeployTestBase("mariadb", () => server.Password), IClassFixture<MariaDbServerFixture>
{
    [Fact]
    public async Task An_untouched_database_has_no_drift_and_a_hand_added_column_is_named_with_exit_6()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m",
            ("0001_orders.up.sql", "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, INDEX orders_customer (customer_id));\n"),
            ("0001_orders.down.sql", "DROP TABLE orders;\n"),
            ("0002_totals.up.sql", "CREATE VIEW totals AS SELECT customer_id, COUNT(*) AS n FROM orders GROUP BY customer_id;\n"),
            ("0002_totals.down.sql", "DROP VIEW totals;\n"));
        Assert.Equal(0, Tool("deploy", bundle, "-c", server.Url(database)).ExitCode);
        var environment = new Dictionary<string, string?> { ["DRIFT_DEV_DATABASE"] = server.Url("mysql") };

        var clean = Tool(environment, "drift", bundle, "-c", server.Url(database), "--dev-database", "env:DRIFT_DEV_DATABASE");
        Assert.True(clean.ExitCode == 0, clean.ToString());

        await server.ExecuteAsync(database, "ALTER TABLE orders ADD COLUMN note TEXT");
        var drift = Tool(environment, "drift", bundle, "-c", server.Url(database), "--dev-database", "env:DRIFT_DEV_DATABASE");
        Assert.True(drift.ExitCode == 6, drift.ToString());
        Assert.Contains("column orders.note: in the database, not produced by the migrations", drift.Stdout);
        Assert.Contains("drift: 1 difference", drift.Stdout);
        Assert.Equal("0", await server.ScalarAsync("mysql", "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name LIKE 'bm\\_test\\_%'"));
    }
}
