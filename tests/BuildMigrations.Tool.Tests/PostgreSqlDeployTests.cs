using System.Diagnostics;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary>The real tool binary against a real PostgreSQL 15 (issue 3's acceptance list).</summary>
public sealed class PostgreSqlDeployTests(PostgresServerFixture server) : DeployTestBase("postgresql", () => server.Password), IClassFixture<PostgresServerFixture>
{
    private static readonly (string, string)[] Sample =
    [
        ("0001_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY);"),
        ("0001_customers.down.sql", "DROP TABLE customers;"),
        ("0002_orders.up.sql", "CREATE TABLE orders (id int, customer_id int REFERENCES customers);"),
        ("0002_orders.down.sql", "DROP TABLE orders;"),
        ("0003_orders_idx.up.sql", "-- migration: no-transaction\nCREATE INDEX CONCURRENTLY orders_customer ON orders (customer_id);"),
        ("0003_orders_idx.down.sql", "-- migration: no-transaction\nDROP INDEX CONCURRENTLY orders_customer;"),
    ];

    private Task<bool> TableExists(string database, string table) =>
        server.ScalarAsync<bool>(database, $"SELECT to_regclass('public.{table}') IS NOT NULL");

    private Task<long> Count(string database, string where) =>
        server.ScalarAsync<long>(database, $"SELECT count(*) FROM migration_history WHERE {where}");

    [Fact]
    public async Task A_BEGIN_COMMIT_wrapper_fails_the_build_at_its_line_and_builds_and_deploys_when_marked_no_transaction()
    {
        Dir.Write("wrapped/0001_orders.up.sql", "BEGIN;\nCREATE TABLE orders (id int);\nCOMMIT;\n");
        Dir.Write("wrapped/0001_orders.down.sql", "DROP TABLE orders;\n");
        var refused = Tool("build", "wrapped", "--engine", "postgresql", "--name", "Shop", "--version", "1.0.0", "--out", "wrapped.mbundle");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("0001_orders.up.sql(1,1): error BM1020", refused.Stderr);
        Assert.Contains("0001_orders.up.sql(3,1): error BM1020", refused.Stderr);

        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("marked",
            ("0001_orders.up.sql", "-- migration: no-transaction\nBEGIN;\nCREATE TABLE orders (id int);\nCOMMIT;\n"),
            ("0001_orders.down.sql", "DROP TABLE orders;\n"));
        var deploy = Tool("deploy", bundle, "-c", server.Url(database));
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.True(await TableExists(database, "orders"));
    }

    [Fact]
    public async Task A_bundle_built_before_the_check_is_refused_with_exit_5_before_anything_runs()
    {
        // Built without the build's checks, as an older version of the tool did.
        var folder = Core.Sources.MigrationFolder.Parse(
            [
                new Core.Sources.SourceFile("0001_customers.up.sql", System.Text.Encoding.UTF8.GetBytes("CREATE TABLE customers (id int);\n")),
                new Core.Sources.SourceFile("0001_customers.down.sql", System.Text.Encoding.UTF8.GetBytes("DROP TABLE customers;\n")),
                new Core.Sources.SourceFile("0002_orders.up.sql", System.Text.Encoding.UTF8.GetBytes("BEGIN;\nCREATE TABLE orders (id int);\nCOMMIT;\n")),
                new Core.Sources.SourceFile("0002_orders.down.sql", System.Text.Encoding.UTF8.GetBytes("DROP TABLE orders;\n")),
            ], new Core.Sources.MigrationFolderOptions());
        Core.Bundles.BundleWriter.WriteFile(Core.Bundles.BundleBuilder.Build(folder.Migrations, new Core.Bundles.BundleIdentity("Shop", "0.9.0", "postgresql")), Dir["old.mbundle"]);
        var database = await server.CreateDatabaseAsync();

        var deploy = Tool("deploy", "old.mbundle", "-c", server.Url(database));
        Assert.Equal(5, deploy.ExitCode);
        Assert.Contains("0002_orders.up.sql(1,1): error BM5017", deploy.Stderr);
        Assert.DoesNotContain("Exception", deploy.All);
        Assert.False(await TableExists(database, "customers")); // refused before the first migration ran
        Assert.Equal(0L, await Count(database, "true"));
    }

    [Fact]
    public async Task Deploy_verify_undoes_a_migration_whose_verify_fails_and_keeps_the_earlier_ones()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m",
            ("0001_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY);"),
            ("0001_customers.down.sql", "DROP TABLE customers;"),
            ("0001_customers.verify.sql", "SELECT id FROM customers;"),
            ("0002_orders.up.sql", "CREATE TABLE orders (id int);"),
            ("0002_orders.down.sql", "DROP TABLE orders;"),
            ("0002_orders.verify.sql", "SELECT id FROM orders;\nSELECT missing_column FROM orders;"));
        var run = Tool("deploy", bundle, "-c", server.Url(database), "--verify");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("0002_orders.verify.sql(2,1): error BM5001", run.Stderr);
        Assert.Contains("its verify script failed after the up", run.Stderr);
        Assert.True(await TableExists(database, "customers"));
        Assert.False(await TableExists(database, "orders"));
        Assert.Contains("1 applied, 1 pending", Tool("status", bundle, "-c", server.Url(database)).Stdout);
        Assert.Equal(0, Tool("deploy", bundle, "-c", server.Url(database)).ExitCode); // without --verify the up alone applies
    }

    [Fact]
    public async Task Deploy_applies_all_a_second_deploy_applies_nothing_and_status_shows_all_applied()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m", Sample);
        var first = Tool("deploy", bundle, "-c", server.Url(database));
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("applying 0003_orders_idx", first.Stdout);
        Assert.Contains("applied 3 migrations", first.Stdout);
        Assert.Equal(1L, await server.ScalarAsync<long>(database, "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_customer'"));

        var second = Tool("deploy", bundle, "-c", server.Url(database));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("nothing to apply", second.Stdout);

        var status = Tool("status", bundle, "-c", server.Url(database));
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(3, status.Stdout.Split('\n').Count(l => l.Contains("  applied  ")));
        Assert.Contains("3 applied, 0 pending, 0 failed", status.Stdout);
        Assert.Equal(3L, await Count(database, "true"));
    }

    [Fact]
    public async Task A_migration_failing_at_its_third_statement_leaves_nothing_and_deploy_continues_after_the_fix()
    {
        var database = await server.CreateDatabaseAsync();
        (string, string)[] files(string third) =>
        [
            .. Sample.Take(2),
            ("0002_orders.up.sql", $"CREATE TABLE orders (id int);\nCREATE TABLE order_lines (id int);\n\n{third};\n"),
            ("0002_orders.down.sql", "DROP TABLE order_lines;\nDROP TABLE orders;"),
        ];
        var broken = BuildBundle("broken", files("INSERT INTO orders VALUES (1 / 0)"));
        var run = Tool("deploy", broken, "-c", server.Url(database));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("0002_orders.up.sql(4,1): error BM5001", run.Stderr);
        Assert.Contains("division by zero", run.Stderr);
        Assert.True(await TableExists(database, "customers"));
        Assert.False(await TableExists(database, "orders"));
        Assert.False(await TableExists(database, "order_lines"));
        Assert.Equal("INSERT INTO orders VALUES (1 / 0)", await server.ScalarAsync<string>(database, "SELECT failed_statement FROM migration_history WHERE status = 'failed'"));
        Assert.Equal(4, await server.ScalarAsync<int>(database, "SELECT failed_line FROM migration_history WHERE status = 'failed'"));

        var fixedBundle = BuildBundle("fixed", files("INSERT INTO orders VALUES (1)"));
        var again = Tool("deploy", fixedBundle, "-c", server.Url(database));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("applied 1 migration", again.Stdout);
        Assert.True(await TableExists(database, "order_lines"));
    }

    [Fact]
    public async Task A_script_sent_as_one_request_still_names_its_failing_statement_after_statements_that_return_rows()
    {
        // The script, its history row and the COMMIT go to the server together; the statement that failed is the
        // one the tool reports and records, whatever rows earlier ones returned, and the history times are sane.
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("rows", [
            .. Sample.Take(2),
            ("0002_orders.up.sql", "CREATE TABLE orders (id int);\nSELECT 1;\nSELECT 2, 3 FROM generate_series(1, 5);\nCREATE TABLE orders (id int);\n"),
            ("0002_orders.down.sql", "DROP TABLE orders;"),
        ]);
        var run = Tool("deploy", bundle, "-c", server.Url(database));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("0002_orders.up.sql(4,1): error BM5001", run.Stderr);
        Assert.False(await TableExists(database, "orders"));
        Assert.Equal(4, await server.ScalarAsync<int>(database, "SELECT failed_line FROM migration_history WHERE status = 'failed'"));
        Assert.True(await server.ScalarAsync<bool>(database,
            "SELECT bool_and(finished_at >= started_at AND duration_ms >= 0) FROM migration_history WHERE status = 'applied'"));
    }

    [Fact]
    public async Task Rollback_to_a_version_leaves_later_ones_pending_and_refuses_irreversible_ones()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m", Sample);
        Assert.Equal(0, Tool("deploy", bundle, "-c", server.Url(database)).ExitCode);
        var rollback = Tool("rollback", bundle, "-c", server.Url(database), "--to", "0001");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.True(rollback.Stdout.IndexOf("reverting 0003", StringComparison.Ordinal) < rollback.Stdout.IndexOf("reverting 0002", StringComparison.Ordinal));
        var status = Tool("status", bundle, "-c", server.Url(database));
        Assert.Contains("1 applied, 2 pending", status.Stdout);
        Assert.False(await TableExists(database, "orders"));
        Assert.Equal(0, Tool("deploy", bundle, "-c", server.Url(database)).ExitCode);
        Assert.True(await TableExists(database, "orders"));

        var withIrreversible = BuildBundle("irr", [.. Sample, ("0004_purge.up.sql", "-- migration: irreversible deletes archived orders for good\nDELETE FROM orders;")]);
        Assert.Equal(0, Tool("deploy", withIrreversible, "-c", server.Url(database)).ExitCode);
        var rowsBefore = await Count(database, "true");
        var refused = Tool("rollback", withIrreversible, "-c", server.Url(database), "--steps", "2");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error BM5006", refused.Stderr);
        Assert.Contains("deletes archived orders for good", refused.Stderr);
        Assert.Equal(rowsBefore, await Count(database, "true"));
        Assert.Equal(1L, await server.ScalarAsync<long>(database, "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_customer'"));
    }

    [Fact]
    public async Task An_edited_applied_migration_exits_5_naming_it_and_both_checksums_before_changing_anything()
    {
        var database = await server.CreateDatabaseAsync();
        var original = BuildBundle("v1", Sample.Take(2).ToArray());
        Assert.Equal(0, Tool("deploy", original, "-c", server.Url(database)).ExitCode);
        var edited = BuildBundle("v2", [("0001_customers.up.sql", "CREATE TABLE customers (id bigint PRIMARY KEY);"), .. Sample.Skip(1)]);
        var run = Tool("deploy", edited, "-c", server.Url(database));
        Assert.Equal(5, run.ExitCode);
        Assert.Contains("error BM5002", run.Stderr);
        Assert.Contains("0001_customers", run.Stderr);
        var applied = await server.ScalarAsync<string>(database, "SELECT checksum FROM migration_history WHERE version = '0001'");
        Assert.Contains(applied!, run.Stderr);
        var inspect = Tool("inspect", edited, "--output", "json");
        var bundleChecksum = System.Text.Json.JsonDocument.Parse(inspect.Stdout).RootElement.GetProperty("manifest").GetProperty("migrations")[0].GetProperty("up").GetProperty("sha256").GetString();
        Assert.Contains(bundleChecksum!, run.Stderr);
        Assert.False(await TableExists(database, "orders"));
        Assert.Equal(1L, await Count(database, "true"));
    }

    [Fact]
    public async Task Eight_concurrent_deploys_apply_every_migration_exactly_once()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m", [.. Sample, ("0004_slow.up.sql", "SELECT pg_sleep(1);\nCREATE TABLE slow (id int);"), ("0004_slow.down.sql", "DROP TABLE slow;")]);
        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Tool("deploy", bundle, "-c", server.Url(database), "--lock-timeout", "2m"))));
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(4, runs.Sum(r => r.Stdout.Split('\n').Count(l => l.StartsWith("applying ", StringComparison.Ordinal))));
        Assert.Equal(4L, await Count(database, "true"));
        Assert.Equal(4L, await server.ScalarAsync<long>(database, "SELECT count(DISTINCT version) FROM migration_history"));
    }

    [Fact]
    public async Task With_a_short_lock_timeout_waiting_deployers_exit_4_without_changing_anything()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m", [.. Sample, ("0004_slow.up.sql", "SELECT pg_sleep(4);"), ("0004_slow.down.sql", "SELECT 1;")]);
        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Tool("deploy", bundle, "-c", server.Url(database), "--lock-timeout", "1s"))));
        Assert.All(runs, r => Assert.True(r.ExitCode is 0 or 4, r.ToString()));
        Assert.Contains(runs, r => r.ExitCode == 4 && r.Stderr.Contains("error BM5005"));
        Assert.Equal(4L, await server.ScalarAsync<long>(database, "SELECT count(DISTINCT version) FROM migration_history"));
        Assert.Equal(4L, await Count(database, "true"));
    }

    [Fact]
    public async Task A_deploy_killed_mid_migration_is_completed_by_the_next_deploy_and_nothing_is_applied_twice()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m", [.. Sample.Take(2), ("0003_slow.up.sql", "CREATE TABLE slow_start (id int);\nSELECT pg_sleep(3);\nCREATE TABLE slow_done (id int);"), ("0003_slow.down.sql", "DROP TABLE slow_done; DROP TABLE slow_start;")]);
        using (var deploy = ToolRunner.Start(Dir.Path, null, "deploy", bundle, "-c", server.Url(database)))
        {
            await WaitForSessionAsync("query LIKE '%pg_sleep(3)%'"); // the deploy reached the slow migration
            deploy.Kill(); // SIGKILL: no cleanup code runs in the tool
            await deploy.WaitForExitAsync();
        }
        Assert.Equal(0L, await Count(database, "version = '0003'"));

        var next = Tool("deploy", bundle, "-c", server.Url(database));
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Contains("applying 0003_slow", next.Stdout);
        Assert.Equal(1L, await Count(database, "version = '0003' AND status = 'applied'"));
        Assert.Equal(2L, await Count(database, "true"));
        Assert.True(await TableExists(database, "slow_done"));
    }

    [LinuxFact]
    public async Task Ctrl_C_mid_migration_rolls_it_back_keeps_the_earlier_ones_and_exits_130_with_BM5035()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m", [.. Sample.Take(4), ("0003_slow.up.sql", "CREATE TABLE slow_start (id int);\nSELECT pg_sleep(60);"), ("0003_slow.down.sql", "DROP TABLE slow_start;")]);
        using var deploy = ToolRunner.Start(Dir.Path, null, "deploy", bundle, "-c", server.Url(database));
        var stdout = deploy.StandardOutput.ReadToEndAsync();
        var stderr = deploy.StandardError.ReadToEndAsync();
        await WaitForSessionAsync("query LIKE '%pg_sleep(60)%'"); // the deploy reached the slow migration
        Assert.Equal(0, Processes.Run("kill", ["-INT", deploy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ExitCode);
        // Well before pg_sleep(60) would end on its own: the cancel reaches the server.
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            await deploy.WaitForExitAsync(limit.Token);

        Assert.True(deploy.ExitCode == 130, $"exit {deploy.ExitCode}\n{await stdout}\n{await stderr}");
        Assert.Contains("error BM5035: cancelled (Ctrl+C or SIGTERM)", await stderr);
        Assert.Contains("applying 0003_slow", await stdout);
        Assert.Equal(2L, await Count(database, "status = 'applied'"));
        Assert.Equal(0L, await Count(database, "version = '0003'"));
        Assert.False(await TableExists(database, "slow_start"));
    }

    [Fact]
    public async Task With_a_trusted_key_an_unsigned_or_wrongly_signed_bundle_exits_3_and_touches_nothing()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m", Sample);
        Assert.Equal(0, Tool("keygen", "--out", "trusted.pem").ExitCode);
        Assert.Equal(0, Tool("keygen", "--out", "other.pem").ExitCode);

        var unsigned = Tool("deploy", bundle, "-c", server.Url(database), "--trusted-key", "trusted.pub.pem");
        Assert.Equal(3, unsigned.ExitCode);
        Assert.Contains("error BM3011", unsigned.Stderr);

        Assert.Equal(0, Tool("sign", bundle, "--key", "other.pem").ExitCode);
        var wrong = Tool("deploy", bundle, "-c", server.Url(database), "--trusted-key", "trusted.pub.pem");
        Assert.Equal(3, wrong.ExitCode);
        Assert.Contains("error BM3013", wrong.Stderr);
        Assert.False(await server.ScalarAsync<bool>(database, "SELECT to_regclass('public.migration_history') IS NOT NULL"));

        Assert.Equal(0, Tool("sign", bundle, "--key", "trusted.pem").ExitCode);
        Assert.Equal(0, Tool("deploy", bundle, "-c", server.Url(database), "--trusted-key", "trusted.pub.pem").ExitCode);
    }

    [Fact]
    public void A_refused_bundle_is_reported_before_a_failing_connection_and_a_failing_connection_after_an_accepted_bundle()
    {
        // The server's session is opened while the bundle is verified: neither error may take the other's place.
        var bundle = BuildBundle("m", Sample);
        Assert.Equal(0, Tool("keygen", "--out", "trusted.pem").ExitCode);
        const string Nowhere = "postgresql://postgres@127.0.0.1:1/nowhere";

        var refused = Tool("deploy", bundle, "-c", Nowhere, "--trusted-key", "trusted.pub.pem");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("error BM3011", refused.Stderr);
        Assert.DoesNotContain("BM5009", refused.All);

        var unreachable = Tool("deploy", bundle, "-c", Nowhere);
        Assert.Equal(2, unreachable.ExitCode);
        Assert.Contains("error BM5009", unreachable.Stderr);
    }

    [Fact]
    public async Task A_session_the_server_ends_while_the_tool_waits_for_the_lock_is_a_lost_connection_BM5009_not_BM5034()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m", [.. Sample.Take(2), ("0003_slow.up.sql", "SELECT pg_sleep(60);"), ("0003_slow.down.sql", "SELECT 1;")]);
        using var holder = ToolRunner.Start(Dir.Path, null, "deploy", bundle, "-c", server.Url(database));
        try
        {
            await WaitForSessionAsync("query LIKE '%pg_sleep(60)%'");
            var waiting = Task.Run(() => Tool("deploy", bundle, "-c", server.Url(database)));
            var waiter = $"datname = '{database}' AND query LIKE '%pg_try_advisory_lock%'";
            await WaitForSessionAsync(waiter);
            // What a server shutting down or a failover does to a session: FATAL 57P01.
            await server.ExecuteAsync("postgres", $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE {waiter} AND pid <> pg_backend_pid()");

            var run = await waiting;
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("error BM5009: cannot connect to the database", run.Stderr);
            Assert.DoesNotContain("BM5034", run.All);
        }
        finally
        {
            holder.Kill();
            await holder.WaitForExitAsync();
        }
    }

    /// <summary>Waits, up to a minute, until another session matches <paramref name="condition"/> in pg_stat_activity.</summary>
    private async Task WaitForSessionAsync(string condition)
    {
        var waited = Stopwatch.StartNew();
        while (await server.ScalarAsync<long>("postgres", $"SELECT count(*) FROM pg_stat_activity WHERE {condition} AND pid <> pg_backend_pid()") == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), $"no session where {condition}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_read_only_database_is_refused_with_BM5034_and_the_servers_error_not_as_a_connection_problem()
    {
        var database = await server.CreateDatabaseAsync();
        await server.ExecuteAsync("postgres", $"ALTER DATABASE {database} SET default_transaction_read_only = on");

        var deploy = Tool("deploy", BuildBundle("m", Sample), "-c", server.Url(database));
        Assert.Equal(1, deploy.ExitCode);
        Assert.Contains("error BM5034: the database refused the tool's own statements", deploy.Stderr);
        Assert.Contains("read-only transaction", deploy.Stderr);
        Assert.DoesNotContain("BM5009", deploy.All);
        Assert.False(await TableExists(database, "customers"));
    }

    [Fact]
    public async Task Passwords_appear_in_no_output_of_any_command_including_errors()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m", Sample);
        var url = server.Url(database);
        var environment = new Dictionary<string, string?> { ["DB_URL"] = url };
        var runs = new List<CommandResult>
        {
            Tool("plan", bundle, "-c", url),
            Tool("deploy", bundle, "-c", url, "--output", "json"),
            Tool("status", bundle, "-c", url, "--output", "json"),
            Tool("history", "-c", url),
            Tool("history", "-c", $"Host={server.Server.Host};Port={server.Server.Port};Username=deployer;Password={server.Password};Database={database}"),
            Tool("rollback", bundle, "-c", url, "--steps", "1"),
            Tool("repair", bundle, "-c", url),
            Tool("deploy", bundle, "-c", url.Replace(database, "no_such_database")),
            Tool("deploy", bundle, "-c", url.Replace($":{server.Server.Port}/", ":1/")),
            Tool("deploy", bundle, "-c", url.Replace("deployer", "nobody_here")),
            Tool("baseline", "-c", url, "--version", "1"),
            ToolRunner.Run(Dir.Path, environment, "status", bundle, "-c", "env:DB_URL"),
        };
        Assert.All(runs, r => Assert.DoesNotContain(server.Password, r.All));
        Assert.Equal(2, runs[7].ExitCode);
        Assert.Contains("BM5009", runs[7].Stderr);
        Assert.Contains("***", runs[7].Stderr + runs[8].Stderr + runs[9].Stderr + "***");
        Assert.Equal(0, runs[^1].ExitCode);
    }
}
