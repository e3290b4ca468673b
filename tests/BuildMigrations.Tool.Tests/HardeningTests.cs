using System.Text.Json;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary>Bad input never crashes the tool, and passwords never reach its output, whatever they look like.</summary>
public sealed class HardeningTests(PostgresServerFixture server) : DeployTestBase("postgresql", () => server.Password), IClassFixture<PostgresServerFixture>
{
    private static readonly (string, string)[] Sample =
    [
        ("0001_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY);"),
        ("0001_customers.down.sql", "DROP TABLE customers;"),
        ("0002_orders.up.sql", "CREATE TABLE orders (id int);"),
        ("0002_orders.down.sql", "DROP TABLE orders;"),
    ];

    private static void AssertRefusedCleanly(CommandResult run, int exitCode, string code)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains($"error {code}", run.Stderr);
        Assert.DoesNotContain("Exception", run.All);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Fact]
    public void Inputs_that_once_crashed_get_a_BM_code_and_exit_2_never_a_stack_trace()
    {
        var bundle = BuildBundle("m", Sample);
        AssertRefusedCleanly(Tool("status", bundle, "-c", "postgresql://"), 2, "BM5011");
        AssertRefusedCleanly(Tool("status", bundle, "-c", "postgresql:///db"), 2, "BM5011");
        AssertRefusedCleanly(Tool("status", bundle, "-c", $"postgresql://deployer@{server.Server.Host}:{server.Server.Port}"), 2, "BM5011");
        AssertRefusedCleanly(Tool("status", bundle, "-c", "Host=127.0.0.1;Port=abc;Database=x"), 2, "BM5011");
        var semicolon = Tool("status", bundle, "-c", "Host=127.0.0.1;Database=x;Password=half;other-half");
        AssertRefusedCleanly(semicolon, 2, "BM5011");
        Assert.DoesNotContain("other-half", semicolon.All);
        AssertRefusedCleanly(Tool("deploy", bundle, "-c", server.Url("postgres"), "--lock-timeout", "999999999h"), 2, "BM4004");
        AssertRefusedCleanly(Tool("baseline", "-c", server.Url("postgres"), "--version", "abc"), 2, "BM5018");
        var folder = Tool("status", "m", "-c", server.Url("postgres"));
        AssertRefusedCleanly(folder, 2, "BM3015");
        Assert.Contains("is a folder", folder.Stderr);

        Dir.Write("digits/٠٠٠١_x.up.sql", "SELECT 1;");
        Dir.Write("digits/٠٠٠١_x.down.sql", "SELECT 1;");
        AssertRefusedCleanly(Tool("build", "digits", "--engine", "postgresql", "--name", "A", "--version", "1.0.0"), 2, "BM1001");

        Dir.Write("sum/0001_a.up.sql", "SELECT 1;");
        Dir.Write("sum/0001_a.down.sql", "SELECT 1;");
        Assert.Equal(0, Tool("build", "sum", "--engine", "postgresql", "--name", "A", "--version", "1.0.0", "--out", "first.mbundle").ExitCode);
        var sumFile = Dir["sum/migrations.sum"];
        if (!File.Exists(sumFile))
            File.WriteAllText(sumFile, "h1:AAAA\n0001_a.down.sql h1:AAAA\n");
        var lines = File.ReadAllLines(sumFile);
        File.WriteAllLines(sumFile, [.. lines, lines[^1]]);
        var duplicated = Tool("build", "sum", "--engine", "postgresql", "--name", "A", "--version", "1.0.0", "--out", "second.mbundle");
        Assert.Equal(2, duplicated.ExitCode);
        Assert.Contains("error BM2", duplicated.Stderr);
        Assert.DoesNotContain("Exception", duplicated.All);
    }

    public static TheoryData<string, bool> Passwords() => new()
    {
        { "app", false }, { "true", false }, { "0001", false }, { "\"", false }, { "\\", false }, { "xy", false }, { "pw0001app", true },
        { "Qz\"9\\w/p@ss", false },
    };

    [Theory]
    [MemberData(nameof(Passwords))]
    public async Task Every_command_keeps_its_output_intact_and_free_of_the_password(string password, bool userIsPassword)
    {
        var user = userIsPassword ? password : "masked_" + Guid.NewGuid().ToString("N")[..6];
        await server.ExecuteAsync("postgres", $"CREATE ROLE \"{user}\" LOGIN SUPERUSER PASSWORD '{password.Replace("'", "''")}'");
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m", Sample);
        var url = $"postgresql://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{server.Server.Host}:{server.Server.Port}/{database}";
        // Where a password would show if a connection were printed; a distinctive one must not show anywhere, in any
        // encoding (short ones like "0001" or "true" legitimately appear as versions and values).
        var forms = new List<string> { $":{password}@", $":{Uri.EscapeDataString(password)}@", $"Password={password}" };
        var distinctive = !userIsPassword && password.Length > 4;
        if (distinctive)
            forms.AddRange([password, Uri.EscapeDataString(password), JsonSerializer.Serialize(password)[1..^1]]);

        CommandResult Run(params string[] args)
        {
            var run = ToolRunner.Run(Dir.Path, args);
            foreach (var form in forms)
                Assert.DoesNotContain(form, run.All);
            return run;
        }
        JsonElement Json(params string[] args)
        {
            var run = Run([.. args, "--output", "json"]);
            Assert.True(run.ExitCode == 0, run.ToString());
            return JsonDocument.Parse(run.Stdout).RootElement; // valid JSON, or this throws
        }

        var deploy = Run("deploy", bundle, "-c", url);
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("applied 2 migrations", deploy.Stdout);
        Assert.Contains("2 applied, 0 pending", Run("status", bundle, "-c", url).Stdout);
        var status = Json("status", bundle, "-c", url);
        Assert.Equal(["0001", "0002"], status.GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("version").GetString()));
        var history = Json("history", "-c", url);
        Assert.All(history.GetProperty("history").EnumerateArray(), r =>
        {
            Assert.Equal("up", r.GetProperty("direction").GetString());
            Assert.Equal("applied", r.GetProperty("status").GetString());
        });
        if (userIsPassword)
            Assert.Contains(user, Run("history", "-c", url).Stdout); // the user's name is shown, not masked
        Json("plan", bundle, "-c", url);
        var rollback = Run("rollback", bundle, "-c", url, "--all");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        var failed = Run("deploy", bundle, "-c", url.Replace($":{server.Server.Port}/", ":1/"));
        Assert.Equal(2, failed.ExitCode);
    }

    [Fact]
    public async Task Rollback_all_reverts_a_version_0_and_to_keeps_the_version_it_names()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("m",
            ("00000000000000_initial.up.sql", "CREATE TABLE initial (id int);"),
            ("00000000000000_initial.down.sql", "DROP TABLE initial;"),
            ("1_second.up.sql", "CREATE TABLE second (id int);"),
            ("1_second.down.sql", "DROP TABLE second;"));
        Assert.Equal(0, Tool("deploy", bundle, "-c", server.Url(database)).ExitCode);

        var keep = Tool("rollback", bundle, "-c", server.Url(database), "--to", "0");
        Assert.True(keep.ExitCode == 0, keep.ToString());
        Assert.Contains("reverted 1 migration", keep.Stdout);
        Assert.True(await server.ScalarAsync<bool>(database, "SELECT to_regclass('public.initial') IS NOT NULL"));

        var all = Tool("rollback", bundle, "-c", server.Url(database), "--all");
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.False(await server.ScalarAsync<bool>(database, "SELECT to_regclass('public.initial') IS NOT NULL"));
        Assert.False(await server.ScalarAsync<bool>(database, "SELECT to_regclass('public.second') IS NOT NULL"));
        Assert.Contains("--all", Tool("rollback", "--help").Stdout);
        Assert.Contains("Exit codes:", Tool("rollback", "--help").Stdout);
    }

    [Fact]
    public async Task A_long_script_reports_which_statement_it_is_on_without_touching_the_json()
    {
        var database = await server.CreateDatabaseAsync();
        var statements = string.Concat(Enumerable.Range(0, 60).Select(i => $"SELECT pg_sleep(0.1); -- {i}\n"));
        var bundle = BuildBundle("m", ("0001_slow.up.sql", statements), ("0001_slow.down.sql", "SELECT 1;"));
        var run = Tool("deploy", bundle, "-c", server.Url(database), "--output", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        JsonDocument.Parse(run.Stdout);
        Assert.Matches(@"0001_slow: statement \d+ of 60 \(line \d+\)", run.Stderr);
        Assert.DoesNotContain("statement", run.Stdout);
    }
}
