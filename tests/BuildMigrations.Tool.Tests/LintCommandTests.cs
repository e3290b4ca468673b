using System.Text.Json;

namespace BuildMigrations.Tool.Tests;

/// <summary><c>lint</c>: the build's checks and the lint rules without MSBuild, in text, JSON, SARIF and GitHub annotations.</summary>
public sealed class LintCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private void WriteMigrations()
    {
        _dir.Write("db/migrations/0001_orders.up.sql", "CREATE TABLE orders (id int, note text);\nCREATE INDEX orders_id ON orders (id);\n");
        _dir.Write("db/migrations/0001_orders.down.sql", "DROP TABLE orders;\n");
        _dir.Write("db/migrations/0002_risky.up.sql", "CREATE INDEX orders_note ON orders (note);\nALTER TABLE orders DROP COLUMN note;\n");
        _dir.Write("db/migrations/0002_risky.down.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
    }

    [Fact]
    public void Text_output_lists_each_finding_at_its_file_and_line_and_exits_0_for_warnings()
    {
        WriteMigrations();
        var run = ToolRunner.Run(_dir.Path, "lint", "db/migrations", "--engine", "postgresql");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{Path.Join("db/migrations", "0002_risky.up.sql")}(1,1): warning BM6013: CREATE INDEX orders_note on orders", run.Stderr);
        Assert.Contains($"{Path.Join("db/migrations", "0002_risky.up.sql")}(2,1): warning BM6002: ", run.Stderr);
        Assert.DoesNotContain("0001_orders", run.Stderr);
        Assert.Contains("0 errors, 2 warnings", run.Stdout);
    }

    [Fact]
    public void A_stale_migrations_sum_is_an_error_as_in_a_CI_build_and_lint_writes_nothing()
    {
        WriteMigrations();
        // The file a local build keeps: recorded for the two migrations as they are now.
        var recorded = Core.Bundles.BundleCompiler.Compile(new Core.Bundles.BundleCompilation(_dir["db/migrations"], new Core.Sources.MigrationFolderOptions(),
            new Core.Bundles.BundleIdentity("Db", "1.0.0", "postgresql"), _dir["db.mbundle"], Core.Bundles.SumPolicy.Maintain, null));
        Assert.True(recorded.SumWritten);
        Assert.True(ToolRunner.Run(_dir.Path, "lint", "db/migrations", "--engine", "postgresql").ExitCode == 0);

        _dir.Write("db/migrations/0002_risky.up.sql", "CREATE INDEX orders_note ON orders (note);\n");
        var sum = File.ReadAllText(_dir["db/migrations/migrations.sum"]);
        var run = ToolRunner.Run(_dir.Path, "lint", "db/migrations", "--engine", "postgresql");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"{Path.Join("db/migrations", "migrations.sum")}(", run.Stderr);
        Assert.Contains("error BM2", run.Stderr);
        Assert.Equal(sum, File.ReadAllText(_dir["db/migrations/migrations.sum"]));
    }

    [Fact]
    public void Editorconfig_and_warnaserror_make_errors_and_exit_2()
    {
        WriteMigrations();
        _dir.Write("db/.editorconfig", "root = true\n[*.sql]\ndotnet_diagnostic.BM6013.severity = error\n");
        var run = ToolRunner.Run(_dir.Path, "lint", "db/migrations", "--engine", "postgresql", "--warnaserror", "BM6002", "--output", "json");
        Assert.Equal(2, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var found = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => (d.GetProperty("code").GetString(), d.GetProperty("severity").GetString(), d.GetProperty("line").GetInt32())).ToList();
        Assert.Equal([("BM6013", "error", 1), ("BM6002", "error", 2)], found);
    }

    [Fact]
    public void Sarif_output_is_sarif_2_1_0_with_one_result_per_finding_relative_to_the_project()
    {
        WriteMigrations();
        var run = ToolRunner.Run(_dir.Path, "lint", "db/migrations", "--engine", "postgresql", "--output", "sarif");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var sarif = JsonDocument.Parse(run.Stdout);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var sarifRun = sarif.RootElement.GetProperty("runs")[0];
        var results = sarifRun.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["BM6013", "BM6002"], results.Select(r => r.GetProperty("ruleId").GetString()));
        Assert.All(results, r => Assert.Equal("migrations/0002_risky.up.sql",
            r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()));
        var rules = sarifRun.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["BM6002", "BM6013"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("help").GetProperty("text").GetString())));
    }

    [Fact]
    public void A_refusal_with_sarif_output_is_on_stderr_and_exits_2()
    {
        WriteMigrations();
        var run = ToolRunner.Run(_dir.Path, "lint", "db/migrations", "--engine", "oracle", "--output", "sarif");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error BM1017: unknown engine 'oracle'", run.Stderr);
        Assert.Equal("", run.Stdout.Trim());
    }

    [Fact]
    public void On_github_actions_findings_are_also_workflow_commands()
    {
        WriteMigrations();
        var run = ToolRunner.Run(_dir.Path, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_WORKSPACE"] = _dir.Path },
            "lint", "db/migrations", "--engine", "postgresql");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("::warning file=db/migrations/0002_risky.up.sql,line=1,col=1,title=BM6013::BM6013: CREATE INDEX orders_note", run.Stdout);
        Assert.Contains("::warning file=db/migrations/0002_risky.up.sql,line=2,col=1,title=BM6002::", run.Stdout);
    }
}
