using System.Diagnostics;
using System.Text.RegularExpressions;
using BuildMigrations.Sandbox.Local;
using BuildMigrations.Tool.Tests;
using Npgsql;

namespace BuildMigrations.Sdk.Tests;

/// <summary>`dotnet test` on a migrations project, for real, against throwaway databases (issue 5).</summary>
public sealed class DotnetTestTests(LocalFeedFixture feed) : IClassFixture<LocalFeedFixture>
{
    private static readonly (string, string)[] Shop =
    [
        ("0002_create_customers.up.sql", "CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE);\n"),
        ("0002_create_customers.down.sql", "DROP TABLE customers;\n"),
        ("0002_create_customers.verify.sql", "SELECT id, email FROM customers WHERE false;\n"),
        ("0003_add_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id));\n"),
        ("0003_add_orders.down.sql", "DROP TABLE orders;\n"),
        ("0004_index_orders.up.sql", "-- migration: no-transaction\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n"),
        ("0004_index_orders.down.sql", "-- migration: no-transaction\nDROP INDEX CONCURRENTLY orders_customer_idx;\n"),
    ];

    /// <summary>Runs dotnet test with its own temp directory, so leftovers of this run can be found.</summary>
    private static (CommandResult Run, string TempDirectory) DotnetTest(string projectDirectory, Dictionary<string, string?> environment, string verbosity = "normal")
    {
        var temp = Directory.CreateTempSubdirectory("bmt-").FullName;
        // The local server runs as an unprivileged user when tests run as root: it must reach its data directory.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, (UnixFileMode)0b111_101_101);
        environment["TMPDIR"] = temp + "/";
        var run = Dotnet.Run(projectDirectory, environment, "test", "--logger", $"console;verbosity={verbosity}");
        return (run, temp);
    }

    private static int Count(CommandResult run, string what) =>
        Regex.Match(run.Stdout, $@"{what}:\s+(\d+)") is { Success: true } m ? int.Parse(m.Groups[1].Value) : -1;

    /// <summary>
    /// No process of this run is alive (none mentions its temp directory, where servers live) and no server
    /// directory is left, allowing <paramref name="graceSeconds"/> for a shutdown still under way.
    /// </summary>
    private static void AssertNothingLeftRunning(string tempDirectory, int graceSeconds = 20)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(graceSeconds) && (Running(tempDirectory).Count > 0 || ServerDirectories(tempDirectory).Length > 0))
            Thread.Sleep(200);
        var alive = Running(tempDirectory);
        Assert.True(alive.Count == 0, "still running: " + string.Join("\n", alive));
        Assert.Empty(ServerDirectories(tempDirectory));
    }

    /// <summary>Local servers keep their data in pgXXXXXX / myXXXXXX directories; dotnet's own scratch folders may stay.</summary>
    private static string[] ServerDirectories(string tempDirectory) =>
        [.. Directory.GetDirectories(tempDirectory, "pg*"), .. Directory.GetDirectories(tempDirectory, "my*")];

    private static List<string> Running(string tempDirectory) =>
        Directory.GetDirectories("/proc")
            .Select(d => Path.GetFileName(d))
            .Where(name => name.All(char.IsAsciiDigit))
            .Select(pid => { try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Where(cmdline => cmdline.Contains(tempDirectory, StringComparison.Ordinal))
            .ToList();

    private SampleProject ProjectFromTemplate()
    {
        var workspace = new SampleProject(feed, "Shop.Db", projectXml: "<Project />");
        var hive = Path.Combine(workspace.Root, "template-hive");
        File.Delete(Path.Combine(workspace.ProjectDirectory, "Shop.Db.csproj"));
        Assert.Equal(0, Dotnet.Run(workspace.Root, null, "new", "install", Path.Combine(feed.Feed, $"BuildMigrations.Templates.{feed.Version}.nupkg"), "--debug:custom-hive", hive).ExitCode);
        var create = Dotnet.Run(workspace.Root, null, "new", "migrations", "-n", "Shop.Db", "--engine", "postgresql", "--force", "--debug:custom-hive", hive);
        Assert.True(create.ExitCode == 0, create.ToString());
        foreach (var (name, sql) in Shop)
            workspace.Migration(name, sql);
        return workspace;
    }

    [Fact]
    public void A_data_file_makes_exactly_the_NOT_NULL_migration_fail_with_the_database_s_message_and_a_default_fixes_it()
    {
        using var project = new SampleProject(feed);
        project.Migration("0001_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY);\n");
        project.Migration("0001_customers.down.sql", "DROP TABLE customers;\n");
        project.Migration("0002_email.data.sql", "INSERT INTO customers (id) VALUES (1), (2);\n");
        project.Migration("0002_email.up.sql", "ALTER TABLE customers ADD COLUMN email text NOT NULL;\n");
        project.Migration("0002_email.down.sql", "ALTER TABLE customers DROP COLUMN email;\n");
        var (failing, _) = DotnetTest(project.ProjectDirectory, new() { ["MIGRATIONS_TEST_DATABASE"] = "local" });
        Assert.NotEqual(0, failing.ExitCode);
        Assert.Matches(@"Failed [^\n]*\(migration: ""0002_email""\)", failing.Stdout);
        Assert.Matches(@"Passed [^\n]*\(migration: ""0001_customers""\)", failing.Stdout);
        Assert.Contains("23502", failing.Stdout);

        project.Migration("0002_email.up.sql", "ALTER TABLE customers ADD COLUMN email text NOT NULL DEFAULT '';\n");
        var (passing, temp) = DotnetTest(project.ProjectDirectory, new() { ["MIGRATIONS_TEST_DATABASE"] = "local" });
        Assert.True(passing.ExitCode == 0, passing.ToString());
        AssertNothingLeftRunning(temp);
    }

    [Fact]
    public void On_PostgreSQL_each_test_shows_the_locks_and_rewrites_it_measured_and_writes_them_beside_the_bundle_for_plan_and_pack()
    {
        using var project = new SampleProject(feed);
        project.Migration("0001_customers.up.sql", "CREATE TABLE customers (id bigint PRIMARY KEY);\n");
        project.Migration("0001_customers.down.sql", "DROP TABLE customers;\n");
        project.Migration("0002_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));\n");
        project.Migration("0002_orders.down.sql", "DROP TABLE orders;\n");
        project.Migration("0003_narrow_ids.up.sql", "ALTER TABLE orders ALTER COLUMN id TYPE int;\n");
        project.Migration("0003_narrow_ids.down.sql", "ALTER TABLE orders ALTER COLUMN id TYPE bigint;\n");
        var (run, temp) = DotnetTest(project.ProjectDirectory, new() { ["MIGRATIONS_TEST_DATABASE"] = "local" }, verbosity: "detailed");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"0003_narrow_ids up: AccessExclusiveLock on public\.orders[^\n]*; rewrote public\.orders\n", run.Stdout);
        Assert.Contains("0001_customers up: no locks on existing tables", run.Stdout);
        AssertNothingLeftRunning(temp);

        var path = Path.Combine(project.ProjectDirectory, "bin", "Debug", "net10.0", "Shop.Db.impact.json");
        var impact = Core.Lint.MeasuredImpact.Parse(File.ReadAllText(path));
        foreach (var version in new[] { "0001", "0002", "0003" })
        {
            Assert.NotNull(impact.Up(version));
            Assert.NotNull(impact.Down(version));
        }
        Assert.Contains(new Core.Lint.MeasuredLock("public.customers", "ShareRowExclusiveLock"), impact.Up("0002")!.Locks);
        Assert.Contains(new Core.Lint.MeasuredLock("public.orders", "AccessExclusiveLock"), impact.Up("0003")!.Locks);
        Assert.Equal(["public.orders"], impact.Up("0003")!.Rewritten);
        Assert.Contains(new Core.Lint.MeasuredLock("public.customers", "AccessExclusiveLock"), impact.Down("0001")!.Locks);

        // dotnet pack builds Release by default; the impact it packs is the one measured in the same configuration.
        // dotnet pack builds Release; the measurement dotnet test made in Debug is packed all the same.
        var pack = project.Dotnet("pack", "-o", Path.Combine(project.Root, "out"));
        Assert.True(pack.ExitCode == 0, pack.ToString());
        using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(project.Root, "out", "Shop.Db.1.4.0.nupkg"));
        Assert.Contains(package.Entries, e => e.FullName == "bundles/Shop.Db.impact.json");
    }

    [Fact]
    public void A_sqlite_project_runs_its_proofs_and_the_user_s_own_MigrationDatabase_tests_with_nothing_installed()
    {
        using var project = new SampleProject(feed, engine: "sqlite");
        project.Migration("0001_customers.up.sql", "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);\n");
        project.Migration("0001_customers.down.sql", "DROP TABLE customers;\n");
        project.Migration("0002_orders.up.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id));\nCREATE INDEX customers_email_idx ON customers (email);\n");
        project.Migration("0002_orders.down.sql", "DROP INDEX customers_email_idx;\nDROP TABLE orders;\n");
        File.WriteAllText(Path.Combine(project.ProjectDirectory, "CustomerTests.cs"), """
            using BuildMigrations.Testing;
            using Xunit;

            public class CustomerTests(ITestOutputHelper output) : IAsyncLifetime
            {
                private MigrationDatabase? _latest;

                public async ValueTask InitializeAsync() => _latest = await MigrationDatabase.AtVersionAsync(typeof(CustomerTests).Assembly);

                public async ValueTask DisposeAsync() => await _latest!.DisposeAsync();

                [Fact]
                public async Task Orders_exist_at_the_latest_version()
                {
                    output.WriteLine("latest: " + _latest!.Url);
                    Assert.Equal(1L, await _latest.ScalarAsync<long>("SELECT count(*) FROM sqlite_schema WHERE name = 'orders'"));
                }

                [Fact]
                public async Task Emails_are_unique_at_version_0001()
                {
                    await using var db = await MigrationDatabase.AtVersionAsync(typeof(CustomerTests).Assembly, "0001");
                    await db.ExecuteAsync("INSERT INTO customers (email) VALUES ('a@example.com')");
                    await Assert.ThrowsAnyAsync<Exception>(() => db.ExecuteAsync("INSERT INTO customers (email) VALUES ('a@example.com')"));
                    Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM customers"));
                    Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM sqlite_schema WHERE name = 'orders'"));
                }
            }
            """);
        var (passing, temp) = DotnetTest(project.ProjectDirectory, new() { ["MIGRATIONS_TEST_DATABASE"] = "auto" });
        Assert.True(passing.ExitCode == 0, passing.ToString());
        Assert.Equal(2 + 2 + 2, Count(passing, "Passed"));
        Assert.Empty(Directory.GetFileSystemEntries(temp, "bm-sandbox-*"));

        project.Migration("0002_orders.down.sql", "DROP TABLE orders;\n"); // forgets the index on customers
        var (failing, _) = DotnetTest(project.ProjectDirectory, new() { ["MIGRATIONS_TEST_DATABASE"] = "auto" });
        Assert.NotEqual(0, failing.ExitCode);
        Assert.Matches(@"Failed [^\n]*\(migration: ""0002_orders""\)", failing.Stdout);
        Assert.Contains("index customers_email_idx still exists after down", failing.Stdout);
    }

    [Fact]
    public void A_template_project_passes_one_test_per_migration_plus_the_chain_tests_on_the_local_sandbox()
    {
        using var project = ProjectFromTemplate();
        var (run, temp) = DotnetTest(project.ProjectDirectory, new() { ["MIGRATIONS_TEST_DATABASE"] = "local" });
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(4 + 2, Count(run, "Passed"));
        foreach (var migration in new[] { "0001_initial", "0002_create_customers", "0003_add_orders", "0004_index_orders" })
            Assert.Contains($"(migration: \"{migration}\")", run.Stdout);
        // Run in version order (the proofs walk one database), then the whole-bundle tests.
        string[] inOrder = ["(migration: \"0001_initial\")", "(migration: \"0002_create_customers\")", "(migration: \"0003_add_orders\")",
            "(migration: \"0004_index_orders\")", "Deploying_twice_is_a_no_op", "Whole_chain_up_from_empty_and_back_down"];
        var positions = inOrder.Select(test => run.Stdout.IndexOf(test, StringComparison.Ordinal)).ToList();
        Assert.True(positions.All(p => p >= 0) && positions.SequenceEqual(positions.Order()), run.Stdout);
        // The assembly fixture stopped the server before dotnet test returned: no grace period.
        AssertNothingLeftRunning(temp, graceSeconds: 0);
    }

    [DockerFact]
    public async Task The_docker_sandbox_runs_the_same_tests_in_a_container_and_removes_it()
    {
        using var project = ProjectFromTemplate();
        var before = await SandboxContainersAsync();
        var (run, temp) = DotnetTest(project.ProjectDirectory, DockerSandbox("MIGRATIONS_TEST_POSTGRES_IMAGE", "local/postgres:15"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(6, Count(run, "Passed"));
        AssertNothingLeftRunning(temp);
        await AssertNoSandboxContainerLeftAsync(before);
    }

    [Fact]
    public void Broken_downs_fail_only_their_migration_naming_the_difference_and_a_failing_verify_shows_its_error()
    {
        using var project = new SampleProject(feed);
        foreach (var (name, sql) in Shop)
            project.Migration(name, sql);
        // The down forgets the index; another down drops a column its up never added; a verify fails.
        project.Migration("0004_index_orders.down.sql", "-- migration: no-transaction\nSELECT 1;\n");
        project.Migration("0005_nickname.up.sql", "ALTER TABLE customers ADD COLUMN nickname text;\n");
        project.Migration("0005_nickname.down.sql", "ALTER TABLE customers DROP COLUMN nickname;\nALTER TABLE customers DROP COLUMN email;\n");
        project.Migration("0003_add_orders.verify.sql", "SELECT total FROM orders;\n");
        var (run, temp) = DotnetTest(project.ProjectDirectory, new() { ["MIGRATIONS_TEST_DATABASE"] = "local" });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("0004_index_orders: index public.orders_customer_idx still exists after down", run.Stdout);
        Assert.Contains("0005_nickname: column public.customers.email is missing after down", run.Stdout);
        Assert.Contains("0003_add_orders: the verify script failed after up: 0003_add_orders.verify.sql(1): 42703: column \"total\" does not exist", run.Stdout);
        Assert.Matches(@"Passed[^\n]*\(migration: ""0002_create_customers""\)", run.Stdout);
        Assert.Equal(3 + 1, Count(run, "Failed")); // the three migrations, and the chain that goes through them
        AssertNothingLeftRunning(temp);
    }

    [Fact]
    public async Task An_existing_server_gets_throwaway_databases_that_are_gone_afterwards()
    {
        await using var server = await LocalPostgresServer.StartAsync();
        using var project = new SampleProject(feed);
        foreach (var (name, sql) in Shop)
            project.Migration(name, sql);
        var (run, _) = DotnetTest(project.ProjectDirectory, new() { ["MIGRATIONS_TEST_DATABASE"] = server.Url() });
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(5, Count(run, "Passed"));

        await using var connection = new NpgsqlConnection(server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname LIKE 'bm_test_%'", connection);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public void A_mariadb_project_proves_its_rollbacks_and_a_broken_down_fails_with_the_snapshot_difference()
    {
        using var project = new SampleProject(feed, engine: "mariadb");
        project.Migration("0001_customers.up.sql", "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL);\n");
        project.Migration("0001_customers.down.sql", "DROP TABLE customers;\n");
        project.Migration("0002_orders.up.sql", "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL,\n  CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id));\n");
        project.Migration("0002_orders.down.sql", "DROP TABLE orders;\n");
        project.Migration("0003_count.up.sql", "DELIMITER //\nCREATE PROCEDURE count_orders()\nBEGIN\n  SELECT COUNT(*) FROM orders;\nEND //\nDELIMITER ;\n");
        project.Migration("0003_count.down.sql", "DROP PROCEDURE count_orders;\n");
        project.Migration("0003_count.verify.sql", "CALL count_orders();\n");
        var (passing, temp) = DotnetTest(project.ProjectDirectory, new() { ["MIGRATIONS_TEST_DATABASE"] = "local" });
        Assert.True(passing.ExitCode == 0, passing.ToString());
        Assert.Equal(3 + 2, Count(passing, "Passed"));
        AssertNothingLeftRunning(temp);

        project.Migration("0004_email_index.up.sql", "CREATE INDEX customers_email ON customers (email);\n");
        project.Migration("0004_email_index.down.sql", "-- forgot the index\nSELECT 1;\n");
        var (failing, temp2) = DotnetTest(project.ProjectDirectory, new() { ["MIGRATIONS_TEST_DATABASE"] = "local" });
        Assert.NotEqual(0, failing.ExitCode);
        Assert.Contains("0004_email_index: index customers.customers_email still exists after down", failing.Stdout);
        AssertNothingLeftRunning(temp2);
    }

    [DockerFact]
    public async Task A_mariadb_project_runs_its_tests_in_a_docker_container_and_removes_it()
    {
        using var project = new SampleProject(feed, engine: "mariadb");
        project.Migration("0001_customers.up.sql", "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL);\nCREATE INDEX customers_email ON customers (email);\n");
        project.Migration("0001_customers.down.sql", "DROP TABLE customers;\n");
        var before = await SandboxContainersAsync();
        var (run, temp) = DotnetTest(project.ProjectDirectory, DockerSandbox("MIGRATIONS_TEST_MARIADB_IMAGE", "local/mariadb:10.11"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1 + 2, Count(run, "Passed"));
        AssertNothingLeftRunning(temp);
        await AssertNoSandboxContainerLeftAsync(before);
    }

    [Fact]
    public void No_way_to_get_a_database_fails_with_a_message_saying_how_to_get_one()
    {
        using var project = new SampleProject(feed).WithTwoMigrations();
        var (run, _) = DotnetTest(project.ProjectDirectory, new() { ["MIGRATIONS_TEST_DATABASE"] = "local", ["MIGRATIONS_TEST_POSTGRES_BIN"] = "/nonexistent/bin" });
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Set MIGRATIONS_TEST_DATABASE to 'docker'", run.Stdout);
    }

    [Fact]
    public void No_way_to_get_a_database_skips_the_tests_with_that_message_when_MIGRATIONS_TEST_SKIP_WHEN_UNAVAILABLE_is_true()
    {
        using var project = new SampleProject(feed).WithTwoMigrations();
        var (run, _) = DotnetTest(project.ProjectDirectory, new()
        {
            ["MIGRATIONS_TEST_DATABASE"] = "local",
            ["MIGRATIONS_TEST_POSTGRES_BIN"] = "/nonexistent/bin",
            ["MIGRATIONS_TEST_SKIP_WHEN_UNAVAILABLE"] = "true",
        });
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2 + 2, Count(run, "Skipped"));
        Assert.Contains("Set MIGRATIONS_TEST_DATABASE to 'docker'", run.Stdout);
    }

    [Fact]
    public void GenerateMigrationTests_false_leaves_a_plain_project()
    {
        using var project = new SampleProject(feed, properties: "<GenerateMigrationTests>false</GenerateMigrationTests>").WithTwoMigrations();
        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.False(File.Exists(Path.Combine(project.ProjectDirectory, "bin", "Debug", "net10.0", "xunit.v3.core.dll")));
        Assert.False(File.Exists(Path.Combine(project.ProjectDirectory, "bin", "Debug", "net10.0", "Shop.Db.runtimeconfig.json"))); // a library, not an executable
    }


    /// <summary>The docker sandbox with the image the run configured (CI: images built locally, host network).</summary>
    private static Dictionary<string, string?> DockerSandbox(string imageVariable, string defaultImage) => new()
    {
        ["MIGRATIONS_TEST_DATABASE"] = "docker",
        [imageVariable] = Environment.GetEnvironmentVariable(imageVariable) ?? defaultImage,
        ["MIGRATIONS_TEST_DOCKER_NETWORK"] = Environment.GetEnvironmentVariable("MIGRATIONS_TEST_DOCKER_NETWORK") ?? "host",
    };

    /// <summary>The ids of every sandbox container on the engine (other test assemblies may own some while this one runs).</summary>
    private static async Task<HashSet<string>> SandboxContainersAsync() =>
        [.. (await DockerAsync("ps", "-a", "-q", "--no-trunc", "--filter", "label=io.buildmigrations.sandbox")).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>No sandbox container that was not there before the run exists, allowing the seconds the cleanup after the test process takes.</summary>
    private static async Task AssertNoSandboxContainerLeftAsync(HashSet<string> before)
    {
        var waited = Stopwatch.StartNew();
        async Task<string> LeftAsync() => string.Join(" ", (await SandboxContainersAsync()).Except(before));
        while (await LeftAsync() != "" && waited.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(200);
        Assert.Equal("", await LeftAsync());
    }

    private static async Task<string> DockerAsync(params string[] args) => (await Processes.RunAsync("docker", args)).Stdout.Trim();
}
