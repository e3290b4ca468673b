using System.Text.Json;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Sarif;

namespace BuildMigrations.Core.Tests.Lint;

public class SarifLogTests
{
    [Fact]
    public void One_result_per_diagnostic_with_relative_path_line_and_rule_help()
    {
        var root = Path.Combine(Path.GetTempPath(), "project");
        var diagnostics = new[]
        {
            new Diagnostic("BM6013", DiagnosticSeverity.Warning, "index", Path.Combine(root, "migrations", "0002_x.up.sql"), 4, 1),
            new Diagnostic("BM6013", DiagnosticSeverity.Error, "index again", Path.Combine(root, "migrations", "0003_y.up.sql"), 2, 1),
            new Diagnostic("BM1016", DiagnosticSeverity.Warning, "no migrations"),
        };

        using var sarif = JsonDocument.Parse(SarifLog.Write(diagnostics, root, "1.2.3"));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["BM1016", "BM6013"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.Contains("CONCURRENTLY", rules[1].GetProperty("help").GetProperty("text").GetString());

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal(["warning", "error", "warning"], results.Select(r => r.GetProperty("level").GetString()));
        var location = results[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("migrations/0002_x.up.sql", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(4, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(1, results[0].GetProperty("ruleIndex").GetInt32());
        Assert.False(results[2].TryGetProperty("locations", out _));
    }
}
