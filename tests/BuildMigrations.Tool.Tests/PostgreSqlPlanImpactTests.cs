using System.Text.Json;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary><c>plan</c>'s impact preview against a real PostgreSQL whose table holds 100,000 rows.</summary>
public sealed class PostgreSqlPlanImpactTests(PostgresServerFixture server) : DeployTestBase("postgresql", () => server.Password), IClassFixture<PostgresServerFixture>
{
    private static readonly (string, string)[] Base =
    [
        ("0001_items.up.sql", "CREATE TABLE items (id int, note text);\n"),
        ("0001_items.down.sql", "DROP TABLE items;\n"),
    ];

    private static readonly (string, string)[] Pending =
    [
        .. Base,
        ("0002_index.up.sql", "CREATE INDEX items_note ON items (note);\n"),
        ("0002_index.down.sql", "DROP INDEX items_note;\n"),
        ("0003_widen.up.sql", "CREATE TABLE audit (id int);\nALTER TABLE items ALTER COLUMN id TYPE bigint;\n"),
        ("0003_widen.down.sql", "ALTER TABLE items ALTER COLUMN id TYPE int;\nDROP TABLE audit;\n"),
    ];

    private async Task<string> DatabaseWithFullTableAsync()
    {
        var database = await server.CreateDatabaseAsync();
        var deploy = Tool("deploy", BuildBundle("base", Base), "-c", server.Url(database));
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        await server.ExecuteAsync(database, "INSERT INTO items SELECT g, 'note ' || g FROM generate_series(1, 100000) g; ANALYZE items;");
        return database;
    }

    [Fact]
    public async Task Plan_shows_the_lock_the_rewrite_and_the_size_of_each_touched_table_in_text_and_json()
    {
        var database = await DatabaseWithFullTableAsync();
        var bundle = BuildBundle("pending", Pending);
        // What dotnet test measured for 0002 (the bundle is named Shop).
        Dir.Write("Shop.impact.json", """{ "migrations": [ { "version": "0002", "up": { "locks": [ { "relation": "public.items", "mode": "ShareLock" } ], "rewritten": [] } } ] }""");

        var text = Tool("plan", bundle, "-c", server.Url(database));
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Matches(@"--   line 1: CREATE INDEX items_note ON items \(note\)\n--     takes SHARE on items \(about (99|100|101),\d{3} rows, [\d.]+ MB\); touches table items, index items_note", text.Stdout);
        Assert.Matches(@"--   line 2: ALTER TABLE items ALTER COLUMN id TYPE bigint\n--     takes ACCESS EXCLUSIVE on items \(about (99|100|101),\d{3} rows, [\d.]+ MB\) and rewrites it", text.Stdout);
        Assert.Contains("--   line 1: CREATE TABLE audit (id int)\n--     creates new objects only; touches table audit", text.Stdout);
        Assert.Contains("--   measured by dotnet test: ShareLock on public.items\n", text.Stdout);

        var json = Tool("plan", bundle, "-c", server.Url(database), "--output", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        var migrations = document.RootElement.GetProperty("migrations");
        var index = migrations[0].GetProperty("impact")[0];
        Assert.Equal("SHARE", index.GetProperty("lock").GetString());
        Assert.False(index.GetProperty("rewrite").GetBoolean());
        var table = index.GetProperty("tables")[0];
        Assert.Equal("items", table.GetProperty("name").GetString());
        Assert.InRange(table.GetProperty("rows").GetInt64(), 95_000, 105_000);
        Assert.True(table.GetProperty("bytes").GetInt64() > 1_000_000);
        Assert.Contains("index items_note", index.GetProperty("objects").EnumerateArray().Select(o => o.GetString()));

        Assert.Equal("ShareLock", migrations[0].GetProperty("measured").GetProperty("locks")[0].GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, migrations[1].GetProperty("measured").ValueKind);

        var typeChange = migrations[1].GetProperty("impact")[1];
        Assert.Equal(2, typeChange.GetProperty("line").GetInt32());
        Assert.Equal("ACCESS EXCLUSIVE", typeChange.GetProperty("lock").GetString());
        Assert.True(typeChange.GetProperty("rewrite").GetBoolean());
        Assert.InRange(typeChange.GetProperty("tables")[0].GetProperty("rows").GetInt64(), 95_000, 105_000);
    }

    [Fact]
    public async Task On_github_actions_a_failing_deploy_prints_an_error_workflow_command()
    {
        var database = await server.CreateDatabaseAsync();
        var bundle = BuildBundle("failing", [.. Base, ("0002_bad.up.sql", "SELECT 1;\nINSERT INTO missing VALUES (1);\n"), ("0002_bad.down.sql", "SELECT 1;\n")]);
        var run = ToolRunner.Run(Dir.Path, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" }, "deploy", bundle, "-c", server.Url(database));
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"::error file=[^,]*0002_bad\.up\.sql,line=2,col=1,title=BM5001::BM5001: ", run.Stdout);
        Assert.DoesNotContain(server.Password, run.All);
    }
}
