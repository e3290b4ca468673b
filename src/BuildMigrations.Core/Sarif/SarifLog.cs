using System.Text.Json;
using System.Text.Json.Nodes;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Lint;

namespace BuildMigrations.Core.Sarif;

/// <summary>
/// Diagnostics as a SARIF 2.1.0 log (what GitHub code scanning and other review UIs read): one result per
/// diagnostic, with paths relative to a base directory (the project) and rule metadata with help text.
/// </summary>
public static class SarifLog
{
    private const string SourceRoot = "%SRCROOT%";

    /// <summary>The SARIF document for <paramref name="diagnostics"/>, paths relative to <paramref name="baseDirectory"/>.</summary>
    public static string Write(IEnumerable<Diagnostic> diagnostics, string baseDirectory, string toolVersion)
    {
        var list = diagnostics.ToList();
        var codes = list.Select(d => d.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        var root = Path.GetFullPath(baseDirectory);
        var run = new JsonObject
        {
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = "BuildMigrations",
                    ["version"] = toolVersion,
                    ["rules"] = new JsonArray(codes.Select(Rule).ToArray()),
                },
            },
            ["originalUriBaseIds"] = new JsonObject
            {
                [SourceRoot] = new JsonObject { ["uri"] = new Uri(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar).AbsoluteUri },
            },
            ["results"] = new JsonArray(list.Select(d => Result(d, codes.IndexOf(d.Code), root)).ToArray()),
        };
        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(run),
        };
        return log.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Writes the log to <paramref name="path"/>, creating its folder.</summary>
    public static void WriteFile(string path, IEnumerable<Diagnostic> diagnostics, string baseDirectory, string toolVersion)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, Write(diagnostics, baseDirectory, toolVersion));
    }

    private static JsonNode Rule(string code)
    {
        var rule = LintRuleCatalog.Find(code);
        var help = rule?.Help ?? "See docs/diagnostics.md for what this code means and how to fix it.";
        return new JsonObject
        {
            ["id"] = code,
            ["name"] = rule?.Name ?? code,
            ["shortDescription"] = new JsonObject { ["text"] = rule?.Title ?? code },
            ["help"] = new JsonObject { ["text"] = help },
            ["defaultConfiguration"] = new JsonObject { ["level"] = rule is null ? "error" : "warning" },
        };
    }

    private static JsonNode Result(Diagnostic diagnostic, int ruleIndex, string root)
    {
        var result = new JsonObject
        {
            ["ruleId"] = diagnostic.Code,
            ["ruleIndex"] = ruleIndex,
            ["level"] = diagnostic.Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => "note",
            },
            ["message"] = new JsonObject { ["text"] = diagnostic.Message },
        };
        if (diagnostic.File is not null)
        {
            var location = new JsonObject
            {
                ["artifactLocation"] = new JsonObject
                {
                    ["uri"] = Path.GetRelativePath(root, Path.GetFullPath(diagnostic.File)).Replace('\\', '/'),
                    ["uriBaseId"] = SourceRoot,
                },
            };
            if (diagnostic.Line > 0)
                location["region"] = new JsonObject { ["startLine"] = diagnostic.Line, ["startColumn"] = Math.Max(diagnostic.Column, 1) };
            result["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = location });
        }
        return result;
    }
}
