using BuildMigrations.Core.Configuration;
using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Core.Tests.Lint;

/// <summary>.editorconfig severities, WarningsAsErrors and NoWarn, as the build and lint apply them.</summary>
public sealed class SeverityPolicyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("severity-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Script => Path.Combine(_root, "project", "migrations", "0002_x.up.sql");

    private Diagnostic Finding(string code = "BM6013") => new(code, DiagnosticSeverity.Warning, "m", Script, 3, 1);

    private void Config(string relativeDirectory, string text)
    {
        var directory = Path.Combine(_root, relativeDirectory);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ".editorconfig"), text);
    }

    [Theory]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    [InlineData("suggestion", DiagnosticSeverity.Suggestion)]
    public void Editorconfig_sets_a_lint_codes_severity(string value, DiagnosticSeverity expected)
    {
        Config("project", $"root = true\n[*.sql]\ndotnet_diagnostic.BM6013.severity = {value}\n");
        Assert.Equal(expected, Assert.Single(new SeverityPolicy().Apply([Finding()])).Severity);
    }

    [Fact]
    public void Severity_none_removes_the_finding_and_other_codes_are_untouched()
    {
        Config("project", "root = true\n[*]\ndotnet_diagnostic.BM6013.severity = none\n");
        var kept = new SeverityPolicy().Apply([Finding(), Finding("BM6001")]);
        Assert.Equal("BM6001", Assert.Single(kept).Code);
    }

    [Fact]
    public void Nearest_file_wins_and_a_root_file_stops_the_search()
    {
        Config("", "[*]\ndotnet_diagnostic.BM6013.severity = none\n");
        Config("project", "root = true\n[*]\ndotnet_diagnostic.BM6013.severity = warning\ndotnet_diagnostic.BM6001.severity = suggestion\n");
        Config("project/migrations", "[**.sql]\ndotnet_diagnostic.BM6013.severity = error\n");
        var kept = new SeverityPolicy().Apply([Finding(), Finding("BM6001")]);
        Assert.Equal([DiagnosticSeverity.Error, DiagnosticSeverity.Suggestion], kept.Select(d => d.Severity));
    }

    [Fact]
    public void Sections_that_do_not_match_the_file_are_ignored()
    {
        Config("project", "root = true\n[*.cs]\ndotnet_diagnostic.BM6013.severity = error\n[migrations/{a,b}/*.sql]\ndotnet_diagnostic.BM6013.severity = error\n");
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(new SeverityPolicy().Apply([Finding()])).Severity);
    }

    [Fact]
    public void WarningsAsErrors_and_NoWarn_follow_msbuild()
    {
        Config("project", "root = true\n");
        var policy = new SeverityPolicy(warningsAsErrors: ["BM6013"], noWarn: ["BM6001", "BM6013"]);
        var kept = policy.Apply([Finding(), Finding("BM6001"), Finding("BM6002")]);
        Assert.Equal([("BM6013", DiagnosticSeverity.Error), ("BM6002", DiagnosticSeverity.Warning)], kept.Select(d => (d.Code, d.Severity)));
    }
}
