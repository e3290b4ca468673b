using System.Diagnostics;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary>The real tool binary against a real MariaDB 10.11, through MySqlConnector (no client program involved).</summary>
public sealed class MariaDbDeployTests(MariaDbServerFixture server) : DeployTestBase("mariadb", () => server.Password), IClassFixture<MariaDbServerFixture>
{
    [Fact]
    public async Task A_stored_procedure_with_DELIMITER_applies_and_rolls_back()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m",
            ("0001_counters.up.sql", "CREATE TABLE counters (name VARCHAR(50) PRIMARY KEY, n INT NOT NULL);\n"),
            ("0001_counters.down.sql", "DROP TABLE counters;\n"),
            ("0002_bump.up.sql", "DELIMITER //\nCREATE PROCEDURE bump(IN counter VARCHAR(50))\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM counters WHERE name = counter) THEN\n    INSERT INTO counters VALUES (counter, 0);\n  END IF;\n  UPDATE counters SET n = n + 1 WHERE name = counter;\nEND //\nDELIMITER ;\nCALL bump('deploys');\n"),
            ("0002_bump.down.sql", "DROP PROCEDURE bump;\nDELETE FROM counters;\n"));
        var deploy = Tool("deploy", bundle, "-c", server.Url(database));
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Equal("1", await server.ScalarAsync(database, "SELECT n FROM counters WHERE name = 'deploys'"));
        Assert.Equal("1", await server.ScalarAsync(database, $"SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = '{database}' AND routine_name = 'bump'"));

        var rollback = Tool("rollback", bundle, "-c", server.Url(database), "--to", "0001");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal("0", await server.ScalarAsync(database, $"SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = '{database}'"));
    }

    [Fact]
    public async Task Procedures_and_a_trigger_deploy_roll_back_and_redeploy_with_no_client_program_on_PATH()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m",
            ("0001_orders.up.sql", "CREATE TABLE orders (id INT PRIMARY KEY, total INT NOT NULL, audited INT NOT NULL DEFAULT 0);\n"),
            ("0001_orders.down.sql", "DROP TABLE orders;\n"),
            ("0002_logic.up.sql", "DELIMITER //\nCREATE PROCEDURE add_order(IN amount INT)\nBEGIN\n  INSERT INTO orders (id, total) VALUES ((SELECT COALESCE(MAX(o.id), 0) + 1 FROM orders o), amount);\nEND //\nDELIMITER ;\n"
                + "CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW\nBEGIN\n  IF NEW.total > 100 THEN\n    SET NEW.audited = 1;\n  END IF;\nEND;\nCALL add_order(150);\n"),
            ("0002_logic.down.sql", "DROP TRIGGER orders_audit;\nDROP PROCEDURE add_order;\nDELETE FROM orders;\n"));
        // An empty folder as PATH: neither mariadb nor mysql (nor anything else) can be found by the tool.
        var noPrograms = new Dictionary<string, string?> { ["PATH"] = Dir["empty-path"] };
        Directory.CreateDirectory(Dir["empty-path"]);
        CommandResult Run(params string[] args)
        {
            var run = ToolRunner.Run(Dir.Path, noPrograms, args);
            Assert.DoesNotContain(server.Password, run.All);
            return run;
        }

        var deploy = Run("deploy", bundle, "-c", server.Url(database));
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Equal("1", await server.ScalarAsync(database, "SELECT audited FROM orders"));
        var rollback = Run("rollback", bundle, "-c", server.Url(database), "--to", "0001");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal("0", await server.ScalarAsync(database, $"SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = '{database}'"));
        var again = Run("deploy", bundle, "-c", server.Url(database));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("1", await server.ScalarAsync(database, $"SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = '{database}'"));
    }

    [Fact]
    public void A_shell_escape_or_system_in_a_script_fails_the_build_at_its_line_and_runs_nothing()
    {
        Dir.Write("m/0001_a.up.sql", "CREATE TABLE a (id INT);\n\\! touch escaped-by-shell\n");
        Dir.Write("m/0001_a.down.sql", "system touch escaped-by-system\n");
        var build = Tool("build", "m", "--engine", "mariadb", "--name", "Shop", "--version", "1.0.0", "--out", "m.mbundle");
        Assert.Equal(2, build.ExitCode);
        Assert.Contains("0001_a.up.sql(2,1): error BM1019", build.Stderr);
        Assert.Contains("0001_a.down.sql(1,1): error BM1019", build.Stderr);
        Assert.False(File.Exists(Dir["m.mbundle"]));
        Assert.Empty(Directory.GetFiles(Dir.Path, "escaped-by-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task USE_in_a_migration_moves_neither_the_next_migration_nor_the_history()
    {
        var database = await server.CreateDatabaseAsync();
        var other = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m",
            ("0001_elsewhere.up.sql", $"CREATE TABLE here_first (id INT);\nUSE `{other}`;\nCREATE TABLE there (id INT);\n"),
            ("0001_elsewhere.down.sql", $"DROP TABLE `{other}`.there;\nDROP TABLE here_first;\n"),
            ("0002_next.up.sql", "CREATE TABLE here_second (id INT);\n"),
            ("0002_next.down.sql", "DROP TABLE here_second;\n"));
        var deploy = Tool("deploy", bundle, "-c", server.Url(database));
        Assert.True(deploy.ExitCode == 0, deploy.ToString());

        Assert.True(await server.TableExistsAsync(database, "here_second"));
        Assert.False(await server.TableExistsAsync(other, "here_second"));
        Assert.True(await server.TableExistsAsync(other, "there"));
        Assert.False(await server.TableExistsAsync(other, "migration_history"));
        Assert.Equal("2", await server.ScalarAsync(database, "SELECT COUNT(*) FROM migration_history WHERE status = 'applied'"));

        var second = Tool("deploy", bundle, "-c", server.Url(database));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("nothing to apply", second.Stdout);
        Assert.Equal("2", await server.ScalarAsync(database, "SELECT COUNT(*) FROM migration_history"));
    }

    [Fact]
    public async Task A_migration_failing_at_its_second_statement_is_failed_until_repaired_after_a_manual_fix()
    {
        var database = await server.CreateDatabaseAsync();
        var broken = BuildBundle("broken",
            ("0001_orders.up.sql", "CREATE TABLE orders (id INT PRIMARY KEY);\n-- the next one fails\nINSERT INTO no_such_table VALUES (1);\n"),
            ("0001_orders.down.sql", "DROP TABLE orders;\n"));
        var failed = Tool("deploy", broken, "-c", server.Url(database));
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("0001_orders.up.sql(3,1): error BM5001", failed.Stderr);
        Assert.Contains("undo them by hand and run 'dotnet migrate-bundle repair' (it is pending again", failed.Stderr);
        Assert.True(await server.TableExistsAsync(database, "orders")); // DDL commits implicitly: the first statement stayed

        var status = Tool("status", broken, "-c", server.Url(database));
        Assert.Contains("0001_orders  failed", status.Stdout);
        var refused = Tool("deploy", broken, "-c", server.Url(database));
        Assert.Equal(5, refused.ExitCode);
        Assert.Contains("error BM5003", refused.Stderr);

        await server.ExecuteAsync(database, "DROP TABLE orders"); // the manual fix
        Assert.Equal(0, Tool("repair", broken, "-c", server.Url(database)).ExitCode);
        var fixedBundle = BuildBundle("fixed",
            ("0001_orders.up.sql", "CREATE TABLE orders (id INT PRIMARY KEY);\nINSERT INTO orders VALUES (1);\n"),
            ("0001_orders.down.sql", "DROP TABLE orders;\n"));
        var deploy = Tool("deploy", fixedBundle, "-c", server.Url(database));
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Equal("1", await server.ScalarAsync(database, "SELECT COUNT(*) FROM orders"));
    }

    [Fact]
    public async Task A_failing_verify_says_the_up_ran_to_its_end_and_stays_applied()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m",
            ("0001_orders.up.sql", "CREATE TABLE orders (id INT PRIMARY KEY);\n"),
            ("0001_orders.down.sql", "DROP TABLE orders;\n"),
            ("0001_orders.verify.sql", "SELECT * FROM no_such_table;\n"));

        var run = Tool("deploy", bundle, "-c", server.Url(database), "--verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("0001_orders.verify.sql(1,1): error BM5001: migration 0001_orders failed: its verify script failed after the up", run.Stderr);
        Assert.Contains("its up script ran to its end outside a transaction and stays applied", run.Stderr);
        Assert.DoesNotContain("statements before the failing one", run.Stderr);
        Assert.True(await server.TableExistsAsync(database, "orders"));
    }

    [Fact]
    public async Task A_script_sent_as_one_request_names_its_failing_statement_after_statements_that_return_rows()
    {
        // The running row, the script and the applied mark go to the server together; the server stops at the
        // failing statement, which the tool reports and records, whatever rows earlier statements returned.
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("rows",
            ("0001_first.up.sql", "CREATE TABLE first (id INT);\n"),
            ("0001_first.down.sql", "DROP TABLE first;\n"),
            ("0002_orders.up.sql", "CREATE TABLE orders (id INT);\nSELECT 1;\nSELECT 2, 3 FROM orders;\nCREATE TABLE orders (id INT);\nCREATE TABLE never (id INT);\n"),
            ("0002_orders.down.sql", "DROP TABLE orders;\n"));
        var run = Tool("deploy", bundle, "-c", server.Url(database));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("0002_orders.up.sql(4,1): error BM5001", run.Stderr);
        Assert.True(await server.TableExistsAsync(database, "orders")); // DDL commits implicitly
        Assert.False(await server.TableExistsAsync(database, "never")); // the server stopped at the failure
        Assert.Equal("4", await server.ScalarAsync(database, "SELECT failed_line FROM migration_history WHERE version = '0002' AND status = 'failed'"));
        Assert.Equal("1", await AppliedRowsWithSaneTimes(database, "0001"));
    }

    [Fact]
    public async Task A_script_reading_ROW_COUNT_of_its_previous_statement_sees_that_statement()
    {
        // Such a script runs one statement per request: nothing of the tool's runs between its statements. The
        // migrations around it still go to the server together with their neighbours.
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("rowcount",
            ("0001_before.up.sql", "CREATE TABLE before_t (id INT);\n"),
            ("0001_before.down.sql", "DROP TABLE before_t;\n"),
            ("0002_counted.up.sql", "CREATE TABLE t (id INT);\nCREATE TABLE n (c INT);\nINSERT INTO t VALUES (1), (2), (3);\nINSERT INTO n SELECT ROW_COUNT();\n"),
            ("0002_counted.down.sql", "DROP TABLE n;\nDROP TABLE t;\n"),
            ("0003_after.up.sql", "CREATE TABLE after_t (id INT);\n"),
            ("0003_after.down.sql", "DROP TABLE after_t;\n"));
        var run = Tool("deploy", bundle, "-c", server.Url(database));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("3", await server.ScalarAsync(database, "SELECT c FROM n"));
        Assert.True(await server.TableExistsAsync(database, "after_t"));
        foreach (var version in new[] { "0001", "0002", "0003" })
            Assert.Equal("1", await AppliedRowsWithSaneTimes(database, version));
    }

    [Fact]
    public async Task An_empty_up_with_a_verify_script_deploys_with_verify()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("empty",
            ("0001_later.up.sql", "-- migration: nowarn BM1007\n-- nothing yet\n"),
            ("0001_later.down.sql", "-- migration: nowarn BM1007\n"),
            ("0001_later.verify.sql", "SELECT 1;\n"));
        var run = Tool("deploy", bundle, "-c", server.Url(database), "--verify");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("1", await server.ScalarAsync(database, "SELECT COUNT(*) FROM migration_history WHERE version = '0001' AND status = 'applied'"));
    }

    [Fact]
    public async Task A_deploy_killed_mid_migration_leaves_no_lock_a_finished_and_recorded_script_and_the_password_in_no_process_arguments()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m",
            ("0001_slow.up.sql", "CREATE TABLE slow (id INT);\nSELECT SLEEP(60);\n"),
            ("0001_slow.down.sql", "DROP TABLE slow;\n"));
        // Given as env:NAME (the recommended way), no process's arguments may show the password.
        var environment = new Dictionary<string, string?> { ["DB_URL"] = server.Url(database) };
        using (var deploy = ToolRunner.Start(Dir.Path, environment, "deploy", bundle, "-c", "env:DB_URL"))
        {
            await WaitForStatementAsync(database, "SELECT SLEEP(60)%");
            Assert.DoesNotContain(CommandLines(), line => line.Contains(server.Password, StringComparison.Ordinal));
            deploy.Kill(); // SIGKILL
            await deploy.WaitForExitAsync();
        }

        // A script is sent whole, with its history row: the server runs it to its end (SLEEP ends when its client
        // goes) and marks it applied, and the lock goes with the session. The next deploy gets the lock at once
        // (not exit 4) and finds the database up to date, its history agreeing with its schema.
        var next = Tool("deploy", bundle, "-c", server.Url(database), "--lock-timeout", "10s");
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Contains("up to date", next.Stdout);
        Assert.Equal("1", await server.ScalarAsync(database, "SELECT COUNT(*) FROM migration_history WHERE version = '0001' AND status = 'applied'"));
        Assert.Equal("1", await server.ScalarAsync(database, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'slow'"));
    }

    /// <summary>Waits (up to a minute) until a session of the server runs a statement LIKE <paramref name="pattern"/>.</summary>
    private async Task WaitForStatementAsync(string database, string pattern)
    {
        var waited = Stopwatch.StartNew();
        while (await server.ScalarAsync(database, $"SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE '{pattern}'") == "0")
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "the deploy never reached the slow statement");
            await Task.Delay(50);
        }
    }

    [LinuxFact]
    public async Task SIGTERM_mid_request_ends_the_session_runs_nothing_after_leaves_the_migration_running_and_exits_130_and_status_tells_running_from_interrupted()
    {
        var database = await server.CreateDatabaseAsync();
        // SLEEP ends without an error when its query is killed: the server would go on with the rest of the request.
        var bundle = BuildBundle("m",
            ("0001_slow.up.sql", "CREATE TABLE slow_start (id INT);\nDO SLEEP(60);\nCREATE TABLE slow_end (id INT);\n"),
            ("0001_slow.down.sql", "DROP TABLE slow_end;\nDROP TABLE slow_start;\n"),
            ("0002_next.up.sql", "CREATE TABLE next_table (id INT);\n"),
            ("0002_next.down.sql", "DROP TABLE next_table;\n"));
        using var deploy = ToolRunner.Start(Dir.Path, null, "deploy", bundle, "-c", server.Url(database));
        var stdout = deploy.StandardOutput.ReadToEndAsync();
        var stderr = deploy.StandardError.ReadToEndAsync();
        await WaitForStatementAsync(database, "DO SLEEP(60)%");
        var during = Tool("status", bundle, "-c", server.Url(database));
        Assert.Contains("0001_slow  running now", during.Stdout);
        Assert.Contains("0 applied, 1 pending, 0 failed, 1 running (a deploy is in progress)", during.Stdout);
        Assert.Equal(0, Processes.Run("kill", ["-TERM", deploy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ExitCode);
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            await deploy.WaitForExitAsync(limit.Token);

        Assert.True(deploy.ExitCode == 130, $"exit {deploy.ExitCode}\n{await stdout}\n{await stderr}");
        Assert.Contains("error BM5035: cancelled (Ctrl+C or SIGTERM)", await stderr);
        Assert.Equal("0", await server.ScalarAsync(database, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('slow_end', 'next_table')"));
        Assert.Equal("running", await server.ScalarAsync(database, "SELECT status FROM migration_history WHERE version = '0001'"));
        Assert.Equal("0", await server.ScalarAsync(database, "SELECT COUNT(*) FROM migration_history WHERE version = '0002'"));
        Assert.Contains("0001_slow  interrupted (repair)", Tool("status", bundle, "-c", server.Url(database)).Stdout);
        var again = Tool("deploy", bundle, "-c", server.Url(database), "--lock-timeout", "10s");
        Assert.True(again.ExitCode == 5, again.ToString()); // the interrupted migration is checked and repaired first
    }

    [CorpusFact("authelia/mysql")]
    public async Task The_Authelia_corpus_applies_all_26_ups()
    {
        // Authelia names files V0001.Name.up.sql; this product's default format is 0001_Name.up.sql.
        Corpora.CopyTo("authelia/mysql", Dir["authelia"]);
        foreach (var file in Directory.GetFiles(Dir["authelia"]))
        {
            var name = Path.GetFileName(file);
            File.Move(file, Path.Combine(Dir["authelia"], System.Text.RegularExpressions.Regex.Replace(name, @"^V(\d+)\.", "$1_")));
        }
        var database = await server.CreateDatabaseAsync();
        var build = Tool("build", "authelia", "--engine", "mysql", "--name", "Authelia", "--version", "1.0.0", "--out", "authelia.mbundle");
        Assert.True(build.ExitCode == 0, build.ToString());
        var deploy = Tool("deploy", "authelia.mbundle", "-c", server.Url(database).Replace("mariadb://", "mysql://"));
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("applied 26 migrations", deploy.Stdout);
        Assert.Equal("26", await server.ScalarAsync(database, "SELECT COUNT(*) FROM migration_history WHERE direction = 'up' AND status = 'applied'"));
    }

    /// <summary>How many applied history rows of the version finished no earlier than they started, with a duration.</summary>
    private Task<string?> AppliedRowsWithSaneTimes(string database, string version) => server.ScalarAsync(database,
        $"SELECT COUNT(*) FROM migration_history WHERE version = '{version}' AND status = 'applied' AND finished_at >= started_at AND duration_ms >= 0");

    private static List<string> CommandLines() =>
        Directory.GetDirectories("/proc")
            .Where(d => Path.GetFileName(d).All(char.IsAsciiDigit))
            .Select(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' '); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .ToList();
}
