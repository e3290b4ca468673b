using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary>
/// drift against a real PostgreSQL 15: the fixture's server is also the dev database (through env:NAME, so its
/// password is in no process argument), and every test proves the throwaway databases were dropped.
/// </summary>
public sealed class PostgreSqlDriftTests(PostgresServerFixture server) : DeployTestBase("postgresql", () => server.Password), IClassFixture<PostgresServerFixture>
{
    private static readonly (string, string)[] Sample =
    [
        ("0001_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY);"),
        ("0001_customers.down.sql", "DROP TABLE customers;"),
        ("0002_orders.up.sql", "CREATE TABLE orders (id int, customer_id int REFERENCES customers);\nCREATE INDEX orders_customer ON orders (customer_id);"),
        ("0002_orders.down.sql", "DROP TABLE orders;"),
    ];

    private CommandResult Drift(string bundle, string database, params string[] more) =>
        Tool(new Dictionary<string, string?> { ["DRIFT_DEV_DATABASE"] = server.Url("postgres") },
            ["drift", bundle, "-c", server.Url(database), "--dev-database", "env:DRIFT_DEV_DATABASE", .. more]);

    private async Task<string> DeployedAsync(string bundle, params string[] more)
    {
        var database = await server.CreateDatabaseAsync();
        var deploy = Tool(["deploy", bundle, "-c", server.Url(database), .. more]);
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        return database;
    }

    private Task<long> ThrowawayDatabases() => server.ScalarAsync<long>("postgres", @"SELECT count(*) FROM pg_database WHERE datname LIKE 'bm\_test\_%'");

    private Task<long> HistoryRows(string database) => server.ScalarAsync<long>(database, "SELECT count(*) FROM migration_history");

    [Fact]
    public async Task A_dev_database_given_as_a_connection_string_is_refused_without_echoing_it()
    {
        var bundle = BuildBundle("m", Sample);
        var database = await DeployedAsync(bundle);

        var drift = Tool("drift", bundle, "-c", server.Url(database), "--dev-database", "Host=127.0.0.1;Username=rv;Password=S3cretPw9;Database=postgres");

        Assert.True(drift.ExitCode == 2, drift.ToString());
        Assert.Contains("error BM5032: no dev database for the expected schema: --dev-database is neither docker, local, auto nor a server URL", drift.Stderr);
        Assert.DoesNotContain("S3cretPw9", drift.All);
    }

    [Fact]
    public async Task An_untouched_database_has_no_drift_and_a_hand_added_column_a_dropped_index_and_an_extra_table_are_each_named_with_exit_6()
    {
        var bundle = BuildBundle("m", Sample);
        var database = await DeployedAsync(bundle);

        var clean = Drift(bundle, database);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("no drift: the schema is what the 2 applied migrations produce", clean.Stdout);

        await server.ExecuteAsync(database, "ALTER TABLE orders ADD COLUMN note text; DROP INDEX orders_customer; CREATE TABLE audit_log (id int)");
        var rows = await HistoryRows(database);
        var drift = Drift(bundle, database);
        Assert.True(drift.ExitCode == 6, drift.ToString());
        Assert.Contains("column public.orders.note: in the database, not produced by the migrations", drift.Stdout);
        Assert.Contains("index public.orders_customer: produced by the migrations, not in the database", drift.Stdout);
        Assert.Contains("table public.audit_log: in the database, not produced by the migrations", drift.Stdout);
        Assert.Contains("drift: 4 differences from what the 2 applied migrations produce", drift.Stdout); // and column public.audit_log.id
        Assert.Equal(rows, await HistoryRows(database)); // read only
        Assert.Equal(0L, await ThrowawayDatabases());
    }

    [Fact]
    public async Task Pending_migrations_are_not_drift()
    {
        var bundle = BuildBundle("m", Sample);
        var database = await DeployedAsync(bundle, "--to", "0001");
        var drift = Drift(bundle, database);
        Assert.True(drift.ExitCode == 0, drift.ToString());
        Assert.Contains("no drift: the schema is what the 1 applied migration produces", drift.Stdout);
    }

    [Fact]
    public async Task A_database_without_history_is_refused_with_BM5030_and_exit_2_without_creating_the_history_table()
    {
        var bundle = BuildBundle("m", Sample);
        var database = await server.CreateDatabaseAsync();
        var drift = Drift(bundle, database);
        Assert.Equal(2, drift.ExitCode);
        Assert.Contains("error BM5030", drift.Stderr);
        Assert.Contains("nothing was deployed to it", drift.Stderr);
        Assert.False(await server.ScalarAsync<bool>(database, "SELECT to_regclass('public.migration_history') IS NOT NULL"));
    }

    [Fact]
    public async Task A_bundle_that_cannot_say_what_was_applied_is_refused_with_exit_5()
    {
        var database = await DeployedAsync(BuildBundle("m", Sample));

        var older = Drift(BuildBundle("older", Sample[..2]), database);
        Assert.Equal(5, older.ExitCode);
        Assert.Contains("error BM5031: migration 0002_orders is applied in the database but not in this bundle", older.Stderr);

        var edited = Drift(BuildBundle("edited", [("0001_customers.up.sql", "CREATE TABLE customers (id bigint PRIMARY KEY);"), .. Sample[1..]]), database);
        Assert.Equal(5, edited.ExitCode);
        Assert.Contains("error BM5002: migration 0001_customers was applied with checksum", edited.Stderr);
    }

    [Fact]
    public async Task A_migration_that_only_works_on_the_target_fails_the_expected_schema_with_BM5033_at_its_line_and_exit_1()
    {
        // A table made by hand before the first deploy: the migration altering it cannot run on an empty database.
        var database = await server.CreateDatabaseAsync();
        await server.ExecuteAsync(database, "CREATE TABLE legacy (id int)");
        var bundle = BuildBundle("m", ("0001_legacy.up.sql", "SELECT 1;\nALTER TABLE legacy ADD COLUMN note text;"), ("0001_legacy.down.sql", "ALTER TABLE legacy DROP COLUMN note;"));
        Assert.Equal(0, Tool("deploy", bundle, "-c", server.Url(database)).ExitCode);

        var drift = Drift(bundle, database);
        Assert.True(drift.ExitCode == 1, drift.ToString());
        Assert.Contains("0001_legacy.up.sql(2,1): error BM5033: the expected schema could not be built: migration 0001_legacy failed on the dev database", drift.Stderr);
        Assert.Contains("legacy", drift.Stderr);
        Assert.DoesNotContain("deploy again", drift.Stderr);
        Assert.Equal(0L, await ThrowawayDatabases());
    }

    [Fact]
    public async Task An_unset_dev_database_variable_is_refused_with_BM5032()
    {
        var bundle = BuildBundle("m", Sample);
        var database = await DeployedAsync(bundle);
        var drift = Tool("drift", bundle, "-c", server.Url(database), "--dev-database", "env:DRIFT_NOT_SET");
        Assert.Equal(2, drift.ExitCode);
        Assert.Contains("error BM5032", drift.Stderr);
        Assert.Contains("DRIFT_NOT_SET", drift.Stderr);
    }

    [Fact]
    public async Task A_local_dev_server_is_started_and_stopped_for_the_expected_schema()
    {
        var bundle = BuildBundle("m", Sample);
        var database = await DeployedAsync(bundle);
        await server.ExecuteAsync(database, "ALTER TABLE orders ADD COLUMN note text");
        var drift = Tool("drift", bundle, "-c", server.Url(database), "--dev-database", "local");
        Assert.True(drift.ExitCode == 6, drift.ToString());
        Assert.Contains("on local PostgreSQL", drift.Stderr);
        Assert.Contains("column public.orders.note: in the database, not produced by the migrations", drift.Stdout);
    }
}
