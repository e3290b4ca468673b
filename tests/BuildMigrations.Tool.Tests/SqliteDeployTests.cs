using Microsoft.Data.Sqlite;

namespace BuildMigrations.Tool.Tests;

/// <summary>The real tool binary against SQLite files: nothing to install, nothing to start.</summary>
public sealed class SqliteDeployTests() : DeployTestBase("sqlite", () => "no password: SQLite has none")
{
    private static readonly (string, string)[] Sample =
    [
        ("0001_customers.up.sql", "CREATE TABLE customers (id INTEGER PRIMARY KEY, total INTEGER NOT NULL DEFAULT 0);\n"),
        ("0001_customers.down.sql", "DROP TABLE customers;\n"),
        ("0002_orders.up.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id), cents INTEGER);\n"
            + "CREATE TRIGGER orders_total AFTER INSERT ON orders\nBEGIN\n  UPDATE customers SET total = total + NEW.cents WHERE id = NEW.customer_id;\nEND;\n"),
        ("0002_orders.down.sql", "DROP TRIGGER orders_total;\nDROP TABLE orders;\n"),
        ("0003_orders_idx.up.sql", "CREATE INDEX orders_customer ON orders (customer_id);\n"),
        ("0003_orders_idx.down.sql", "DROP INDEX orders_customer;\n"),
    ];

    private long Scalar(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Dir[file]};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private bool TableExists(string file, string table) => Scalar(file, $"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '{table}'") == 1;

    [Fact]
    public void A_read_only_database_file_is_refused_with_BM5034_and_keeps_its_tables()
    {
        var bundle = BuildBundle("m", Sample);
        Scalar("app.db", "CREATE TABLE kept (id INTEGER)");

        var deploy = Tool("deploy", bundle, "-c", "sqlite:app.db?Mode=ReadOnly");
        Assert.Equal(1, deploy.ExitCode);
        Assert.Contains("error BM5034: the database refused the tool's own statements", deploy.Stderr);
        Assert.Contains("readonly database", deploy.Stderr);
        Assert.DoesNotContain("BM5009", deploy.All);
        Assert.True(TableExists("app.db", "kept"));
        Assert.False(TableExists("app.db", "customers"));
    }

    [Fact]
    public void Deploy_redeploy_status_rollback_to_and_history_on_a_file_that_did_not_exist()
    {
        var bundle = BuildBundle("m", Sample);
        var deploy = Tool("deploy", bundle, "-c", "sqlite:shop.db");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("applied 3 migrations", deploy.Stdout);
        Assert.DoesNotContain("BM5036", deploy.All);
        Assert.True(File.Exists(Dir["shop.db"]));
        Assert.True(TableExists("shop.db", "orders"));

        var again = Tool("deploy", bundle, "-c", "sqlite:shop.db");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing to apply", again.Stdout);

        var status = Tool("status", bundle, "-c", "sqlite:shop.db");
        Assert.Contains("3 applied, 0 pending, 0 failed", status.Stdout);

        var rollback = Tool("rollback", bundle, "-c", "sqlite:shop.db", "--to", "0001");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.False(TableExists("shop.db", "orders"));
        Assert.True(TableExists("shop.db", "customers"));
        Assert.Contains("1 applied, 2 pending", Tool("status", bundle, "-c", "sqlite:shop.db").Stdout);

        var history = Tool("history", "-c", $"sqlite:{Dir["shop.db"]}", "--output", "json");
        Assert.Equal(0, history.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(history.Stdout);
        Assert.Equal(5, json.RootElement.GetProperty("history").GetArrayLength());
    }

    [Theory]
    [InlineData(0, "3 migration(s) would be applied", "plan", "m.mbundle")]
    [InlineData(0, "0 applied, 3 pending, 0 failed", "status", "m.mbundle")]
    [InlineData(0, "no history in migration_history: nothing was deployed to this database", "history")]
    [InlineData(2, "error BM5030", "drift", "m.mbundle")]
    [InlineData(0, "warning BM5015", "rollback", "m.mbundle", "--all")]
    [InlineData(0, "nothing to repair", "repair", "m.mbundle")]
    public void A_command_that_changes_nothing_reads_a_missing_file_as_empty_warns_BM5036_and_creates_nothing(int exitCode, string answer, params string[] command)
    {
        BuildBundle("m", Sample);
        Directory.CreateDirectory(Dir["data"]);

        var run = Tool([.. command, "-c", "sqlite:data/typo.db"]);

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains(answer, run.All);
        Assert.Contains($"warning BM5036: the database file {Dir["data/typo.db"]} does not exist: read as an empty database and not created", run.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(Dir["data"]));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_as_an_unusable_connection_exit_2_and_kept()
    {
        var bundle = BuildBundle("m", Sample);
        Dir.Write("notes.db", "not a database\n");

        foreach (var command in new[] { "status", "deploy" })
        {
            var run = Tool(command, bundle, "-c", "sqlite:notes.db");
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains($"error BM5009: cannot connect to the database: the file {Dir["notes.db"]} is not a SQLite database", run.Stderr);
        }
        Assert.Equal("not a database\n", File.ReadAllText(Dir["notes.db"]));
    }

    [Fact]
    public void Baseline_creates_a_missing_file_as_deploy_does()
    {
        var baseline = Tool("baseline", "-c", "sqlite:new.db", "--version", "0001");
        Assert.True(baseline.ExitCode == 0, baseline.ToString());
        Assert.DoesNotContain("BM5036", baseline.All);
        Assert.Equal(1, Scalar("new.db", "SELECT count(*) FROM migration_history WHERE direction = 'baseline'"));
    }

    [Fact]
    public void A_failing_migration_exits_1_and_leaves_nothing_of_itself()
    {
        var bundle = BuildBundle("m",
            ("0001_customers.up.sql", "CREATE TABLE customers (id INTEGER PRIMARY KEY);\n"),
            ("0001_customers.down.sql", "DROP TABLE customers;\n"),
            ("0002_broken.up.sql", "CREATE TABLE orders (id INTEGER);\nINSERT INTO customers VALUES (1);\nINSERT INTO missing VALUES (1);\n"),
            ("0002_broken.down.sql", "DROP TABLE orders;\n"));
        var run = Tool("deploy", bundle, "-c", "sqlite:shop.db");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("0002_broken.up.sql(3,1): error BM5001", run.Stderr);
        Assert.Contains("no such table: missing", run.Stderr);
        Assert.False(TableExists("shop.db", "orders"));
        Assert.Equal(0, Scalar("shop.db", "SELECT count(*) FROM customers"));
        Assert.Equal(0, Scalar("shop.db", "SELECT count(*) FROM migration_history WHERE version = '0002' AND status = 'applied'"));
        Assert.Contains("1 applied, 1 pending", Tool("status", bundle, "-c", "sqlite:shop.db").Stdout);
    }

    [Fact]
    public async Task Eight_concurrent_deployers_on_one_new_file_apply_each_migration_exactly_once()
    {
        var files = Enumerable.Range(1, 30).SelectMany(i => new[]
        {
            ($"{i:D4}_t{i}.up.sql", $"CREATE TABLE t{i} (id INTEGER PRIMARY KEY, v TEXT);\nINSERT INTO t{i} (v) VALUES ('x');\n"),
            ($"{i:D4}_t{i}.down.sql", $"DROP TABLE t{i};\n"),
        }).ToArray();
        var bundle = BuildBundle("m", files);
        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => Tool("deploy", bundle, "-c", "sqlite:fleet.db", "--lock-timeout", "1s"))));

        Assert.All(runs, r => Assert.True(r.ExitCode is 0 or 4, r.ToString()));
        Assert.Contains(runs, r => r.ExitCode == 0);
        Assert.Equal(30, runs.Sum(r => r.Stdout.Split('\n').Count(l => l.StartsWith("applying ", StringComparison.Ordinal))));
        Assert.Equal(30, Scalar("fleet.db", "SELECT count(*) FROM migration_history WHERE direction = 'up' AND status = 'applied'"));
        Assert.Equal(30, Scalar("fleet.db", "SELECT count(DISTINCT version) FROM migration_history"));
        Assert.Equal(30, Scalar("fleet.db", "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name LIKE 't%'"));
    }

    [Fact]
    public void History_records_each_command_with_its_options_and_without_connection_secrets()
    {
        var bundle = BuildBundle("m", Sample);
        var environment = new Dictionary<string, string?> { ["SHOP_DB"] = "sqlite:shop.db" };
        Assert.Equal(0, ToolRunner.Run(Dir.Path, environment, "deploy", bundle, "-c", "env:SHOP_DB", "--lock-timeout", "30s").ExitCode);
        Assert.Equal(0, Tool("rollback", bundle, "--connection=sqlite:shop.db?Default Timeout=5", "--to", "0001").ExitCode);

        var history = Tool("history", "-c", "sqlite:shop.db", "--output", "json");
        using var json = System.Text.Json.JsonDocument.Parse(history.Stdout);
        var commands = json.RootElement.GetProperty("history").EnumerateArray().Select(r => r.GetProperty("command").GetString()!).ToList();
        Assert.Equal(5, commands.Count);
        Assert.All(commands[..3], c => Assert.Equal($"deploy {bundle} -c env:SHOP_DB --lock-timeout 30s", c));
        Assert.All(commands[3..], c => Assert.Equal($"rollback {bundle} --connection=*** --to 0001", c));
        Assert.Contains("command: rollback", Tool("history", "-c", "sqlite:shop.db").Stdout);
    }

    [Fact]
    public void A_history_table_made_before_the_command_column_gets_it_and_keeps_its_rows()
    {
        var bundle = BuildBundle("m", Sample);
        using (var connection = new SqliteConnection($"Data Source={Dir["old.db"]};Pooling=false"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE customers (id INTEGER PRIMARY KEY, total INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE migration_history (id INTEGER PRIMARY KEY, version TEXT NOT NULL, description TEXT NOT NULL, direction TEXT NOT NULL,
                    status TEXT NOT NULL, checksum TEXT, transactional INTEGER NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, duration_ms INTEGER,
                    error TEXT, failed_statement TEXT, failed_line INTEGER, bundle_name TEXT, bundle_version TEXT, bundle_digest TEXT, signer_key_id TEXT,
                    database_user TEXT NOT NULL, os_user TEXT, host TEXT, ci_run_id TEXT, tool_version TEXT);
                INSERT INTO migration_history (version, description, direction, status, transactional, started_at, database_user)
                    VALUES ('0001', 'customers', 'baseline', 'applied', 1, '2026-01-01T00:00:00.0000000Z', 'someone');
                """;
            create.ExecuteNonQuery();
        }
        var deploy = Tool("deploy", bundle, "-c", "sqlite:old.db");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("applied 2 migrations", deploy.Stdout);
        Assert.Equal(3, Scalar("old.db", "SELECT count(*) FROM migration_history"));
        Assert.Equal(1, Scalar("old.db", "SELECT count(*) FROM migration_history WHERE command IS NULL"));
    }
}
