using Microsoft.Data.Sqlite;

namespace BuildMigrations.Tool.Tests;

/// <summary>drift on SQLite files: the expected schema is built in a temporary file, which is removed afterwards.</summary>
public sealed class SqliteDriftTests() : DeployTestBase("sqlite", () => "no password: SQLite has none")
{
    private static readonly (string, string)[] Sample =
    [
        ("0001_customers.up.sql", "CREATE TABLE customers (id INTEGER PRIMARY KEY);\n"),
        ("0001_customers.down.sql", "DROP TABLE customers;\n"),
        ("0002_orders.up.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id));\nCREATE INDEX orders_customer ON orders (customer_id);\n"),
        ("0002_orders.down.sql", "DROP TABLE orders;\n"),
    ];

    private void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Dir[file]};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("local")]
    public void A_dev_database_setting_is_ignored_for_SQLite_which_always_builds_in_a_temporary_file(string setting)
    {
        var bundle = BuildBundle("m", Sample);
        Assert.Equal(0, Tool("deploy", bundle, "-c", "sqlite:shop.db").ExitCode);

        var drift = Tool("drift", bundle, "-c", "sqlite:shop.db", "--dev-database", setting);

        Assert.True(drift.ExitCode == 0, drift.ToString());
        Assert.Contains("no drift", drift.Stdout);
    }

    [Fact]
    public void An_untouched_file_has_no_drift_and_hand_changes_are_each_named_with_exit_6()
    {
        var bundle = BuildBundle("m", Sample);
        Assert.Equal(0, Tool("deploy", bundle, "-c", "sqlite:shop.db").ExitCode);

        var clean = Tool("drift", bundle, "-c", "sqlite:shop.db");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("no drift", clean.Stdout);

        Execute("shop.db", "ALTER TABLE orders ADD COLUMN note TEXT; DROP INDEX orders_customer; CREATE TABLE audit_log (id INTEGER);");
        var drift = Tool("drift", bundle, "-c", "sqlite:shop.db");
        Assert.True(drift.ExitCode == 6, drift.ToString());
        Assert.Contains("column orders.note: in the database, not produced by the migrations", drift.Stdout);
        Assert.Contains("index orders_customer: produced by the migrations, not in the database", drift.Stdout);
        Assert.Contains("table audit_log: in the database, not produced by the migrations", drift.Stdout);
        Assert.DoesNotContain("migration_history", drift.Stdout); // the history table and the lock file are not schema

        var temporary = drift.Stderr.Split("temporary files in ")[1].Trim();
        Assert.False(Directory.Exists(temporary), $"{temporary} was left behind");
    }

    [Fact]
    public void Pending_migrations_are_not_drift_and_a_file_without_history_is_refused_with_BM5030()
    {
        var bundle = BuildBundle("m", Sample);
        Assert.Equal(0, Tool("deploy", bundle, "-c", "sqlite:shop.db", "--to", "0001").ExitCode);
        var drift = Tool("drift", bundle, "-c", "sqlite:shop.db", "--output", "json");
        Assert.True(drift.ExitCode == 0, drift.ToString());
        Assert.Contains("\"applied\": [\n    \"0001_customers\"\n  ]", drift.Stdout.ReplaceLineEndings("\n"));

        Execute("empty.db", "CREATE TABLE things (id INTEGER)");
        var empty = Tool("drift", bundle, "-c", "sqlite:empty.db");
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("error BM5030", empty.Stderr);
    }
}
