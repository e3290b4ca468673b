using System.Text.Json;

namespace BuildMigrations.Sdk.Tests;

/// <summary>Lint in <c>dotnet build</c>: warnings at the statement's file and line, .editorconfig severities, SARIF.</summary>
public sealed class SdkLintTests(LocalFeedFixture feed) : IClassFixture<LocalFeedFixture>
{
    private static SampleProject WithRiskyAndSafeMigrations(SampleProject project)
    {
        project.Migration("0001_create_orders.up.sql", "CREATE TABLE orders (id int, note text);\n");
        project.Migration("0001_create_orders.down.sql", "DROP TABLE orders;\n");
        project.Migration("0002_risky.up.sql", "-- on a table with traffic\nCREATE INDEX orders_note ON orders (note);\nALTER TABLE orders ALTER COLUMN id TYPE bigint;\n");
        project.Migration("0002_risky.down.sql", "DROP INDEX orders_note;\nALTER TABLE orders ALTER COLUMN id TYPE int;\n");
        project.Migration("0003_safe.up.sql", "-- migration: no-transaction\nCREATE INDEX CONCURRENTLY orders_id ON orders (id);\nALTER TABLE orders ADD COLUMN total int NOT NULL DEFAULT 0;\n");
        project.Migration("0003_safe.down.sql", "-- migration: no-transaction\nDROP INDEX CONCURRENTLY orders_id;\nALTER TABLE orders DROP COLUMN total;\n");
        return project;
    }

    [Fact]
    public void Risky_statements_are_warnings_at_their_file_and_line_and_the_sarif_log_has_one_result_each()
    {
        using var project = WithRiskyAndSafeMigrations(new SampleProject(feed, properties: "<MigrationsSarifLog>obj/lint.sarif</MigrationsSarifLog>"));
        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        var up = Path.Combine(project.ProjectDirectory, "migrations", "0002_risky.up.sql");
        Assert.Contains($"{up}(2,1): warning BM6013: ", build.Stdout);
        Assert.Contains($"{up}(3,1): warning BM6009: ", build.Stdout);
        Assert.Contains($"{up}(3,1): warning BM6016: ", build.Stdout);
        Assert.DoesNotContain("0003_safe", build.Stdout);
        Assert.True(File.Exists(project.BundlePath));

        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDirectory, "obj", "lint.sarif")));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("ruleId").GetString(),
                r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(),
                r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()))
            .ToList();
        // The down script's type change back is reported too (BM6009/BM6016 are not destructive rules).
        Assert.Equal(
            [("BM6009", "migrations/0002_risky.down.sql", 2), ("BM6016", "migrations/0002_risky.down.sql", 2),
             ("BM6013", "migrations/0002_risky.up.sql", 2), ("BM6009", "migrations/0002_risky.up.sql", 3), ("BM6016", "migrations/0002_risky.up.sql", 3)],
            results);
    }

    [Fact]
    public void Editorconfig_severity_error_fails_the_build_with_that_code_and_WarningsAsErrors_does_too()
    {
        using var project = WithRiskyAndSafeMigrations(new SampleProject(feed));
        var editorconfig = Path.Combine(project.Root, ".editorconfig");
        File.WriteAllText(editorconfig, "root = true\n\n[*.sql]\ndotnet_diagnostic.BM6013.severity = error\ndotnet_diagnostic.BM6016.severity = none\n");
        var build = project.Build();
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("0002_risky.up.sql(2,1): error BM6013: ", build.Stdout);
        Assert.DoesNotContain("BM6016", build.Stdout);
        Assert.False(File.Exists(project.BundlePath));

        File.Delete(editorconfig);
        var strict = project.Dotnet("build", "-p:WarningsAsErrors=BM6009");
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("0002_risky.up.sql(3,1): error BM6009: ", strict.Stdout);
        Assert.Contains("0002_risky.up.sql(2,1): warning BM6013: ", strict.Stdout);
    }
}
