using System.Text.Json;
using System.Text.RegularExpressions;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary>deploy --targets against real PostgreSQL databases (issue 12, item 4).</summary>
public sealed class FleetDeployTests(PostgresServerFixture server) : DeployTestBase("postgresql", () => server.Password), IClassFixture<PostgresServerFixture>
{
    private static readonly (string, string)[] Sample =
    [
        ("0001_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY);"),
        ("0001_customers.down.sql", "DROP TABLE customers;"),
        ("0002_orders.up.sql", "CREATE TABLE orders (id int, customer_id int REFERENCES customers);"),
        ("0002_orders.down.sql", "DROP TABLE orders;"),
    ];

    // Nothing listens on port 1: the connection is refused at once.
    private string Unreachable => $"postgresql://deployer:{server.Password}@127.0.0.1:1/nowhere";

    private async Task<List<string>> DatabasesAsync(int count)
    {
        var names = new List<string>();
        for (var i = 0; i < count; i++)
            names.Add(await server.CreateDatabaseAsync());
        return names;
    }

    private Task<long> Applied(string database) =>
        server.ScalarAsync<long>(database, "SELECT count(*) FROM migration_history WHERE direction = 'up' AND status = 'applied'");

    private Task<bool> HasHistory(string database) =>
        server.ScalarAsync<bool>(database, "SELECT to_regclass('public.migration_history') IS NOT NULL");

    private static List<int> ReportedLines(string output) =>
        [.. Regex.Matches(output, @"^\S+\s+line (\d+)  ", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value))];

    private static List<JsonElement> JsonLines(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    [Fact]
    public async Task An_unreachable_target_fails_alone_and_a_rerun_without_it_applies_nothing_twice()
    {
        var bundle = BuildBundle("m", Sample);
        var databases = await DatabasesAsync(4);
        var lines = databases.Select(server.Url).ToList();
        lines.Insert(2, Unreachable);
        Dir.Write("targets.txt", "# the fleet\n" + string.Join("\n", lines) + "\n");

        var run = Tool("deploy", bundle, "--targets", "targets.txt", "--parallel", "2");
        Assert.Equal(2, run.ExitCode); // unreachable: the worst outcome is an unusable target
        Assert.Equal([2, 3, 4, 5, 6], ReportedLines(run.Stdout).Order());
        Assert.Matches(@"FAILED\s+line 4  postgresql://deployer:\*\*\*@127\.0\.0\.1:1/nowhere  applied 0  in .* BM5009 cannot connect", run.Stdout);
        Assert.Contains("4 of 5 targets deployed, 1 failed, 0 skipped", run.Stdout);
        foreach (var database in databases)
            Assert.Equal(2L, await Applied(database));

        Dir.Write("targets.txt", string.Join("\n", databases.Select(server.Url)) + "\n");
        var again = Tool("deploy", bundle, "--targets", "targets.txt", "--parallel", "2");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(4, Regex.Matches(again.Stdout, "applied 0  ").Count);
        foreach (var database in databases)
            Assert.Equal(2L, await Applied(database));
    }

    [Fact]
    public async Task Shards_1_of_2_and_2_of_2_deploy_each_target_exactly_once_and_0_of_2_is_2_of_2()
    {
        var bundle = BuildBundle("m", Sample);
        var databases = await DatabasesAsync(5);
        var environment = new Dictionary<string, string?> { ["FLEET_DB_A"] = server.Url(databases[0]) };
        Dir.Write("targets.txt", string.Join("\n", ["env:FLEET_DB_A", .. databases.Skip(1).Select(server.Url)]));

        List<int> Shard(string shard)
        {
            var run = Tool(environment, "deploy", bundle, "--targets", "targets.txt", "--shard", shard, "--output", "json");
            Assert.True(run.ExitCode == 0, run.ToString());
            var objects = JsonLines(run.Stdout);
            Assert.Equal("summary", objects[^1].GetProperty("type").GetString());
            return [.. objects.SkipLast(1).Select(o => o.GetProperty("line").GetInt32())];
        }
        var first = Shard("1/2");
        var second = Shard("2/2");
        Assert.Equal([1, 2, 3, 4, 5], first.Concat(second).Order());
        foreach (var database in databases)
            Assert.Equal(2L, await Applied(database));
        Assert.Equal(second.Order(), Shard("0/2").Order());
    }

    [Fact]
    public async Task A_failing_canary_leaves_the_other_targets_untouched()
    {
        var bundle = BuildBundle("m", Sample);
        var databases = await DatabasesAsync(3);
        Dir.Write("targets.txt", string.Join("\n", [Unreachable, .. databases.Select(server.Url)]));

        var run = Tool("deploy", bundle, "--targets", "targets.txt", "--canary", "1", "--parallel", "3");
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"FAILED\s+line 1  ", run.Stdout);
        Assert.Equal(3, Regex.Matches(run.Stdout, @"^skipped\s+line \d  .*not touched: a canary failed", RegexOptions.Multiline).Count);
        foreach (var database in databases)
            Assert.False(await HasHistory(database));
    }

    [Fact]
    public async Task Json_output_is_one_object_per_target_as_each_finishes_then_a_summary()
    {
        var bundle = BuildBundle("m", Sample);
        var databases = await DatabasesAsync(2);
        Dir.Write("targets.txt", string.Join("\n", [.. databases.Select(server.Url), Unreachable]));

        var run = Tool("deploy", bundle, "--targets", "targets.txt", "--output", "json", "--parallel", "2");
        Assert.Equal(2, run.ExitCode);
        var objects = JsonLines(run.Stdout);
        Assert.Equal(4, objects.Count);
        Assert.Equal(["target", "target", "target", "summary"], objects.Select(o => o.GetProperty("type").GetString()));
        var byLine = objects.SkipLast(1).ToDictionary(o => o.GetProperty("line").GetInt32());
        Assert.Equal("done", byLine[1].GetProperty("status").GetString());
        Assert.Equal(2, byLine[2].GetProperty("applied").GetInt32());
        Assert.Equal("failed", byLine[3].GetProperty("status").GetString());
        Assert.Equal("BM5009", byLine[3].GetProperty("diagnostics")[0].GetProperty("code").GetString());
        Assert.Equal(2, objects[^1].GetProperty("exitCode").GetInt32());
        Assert.Equal(1, objects[^1].GetProperty("failed").GetInt32());
    }

    [Fact]
    public void Fleet_arguments_are_checked_before_any_target_is_touched()
    {
        var bundle = BuildBundle("m", Sample);
        Dir.Write("targets.txt", Unreachable);
        var badShard = Tool("deploy", bundle, "--targets", "targets.txt", "--shard", "3/2");
        Assert.Equal(2, badShard.ExitCode);
        Assert.Contains("error BM4007", badShard.Stderr);
        Assert.DoesNotContain("line 1", badShard.All);

        Dir.Write("empty.txt", "# nothing yet\n\n");
        var empty = Tool("deploy", bundle, "--targets", "empty.txt");
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("error BM4008", empty.Stderr);

        var both = Tool("deploy", bundle, "--targets", "targets.txt", "-c", Unreachable);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("exclude each other", both.Stderr);
    }
}
