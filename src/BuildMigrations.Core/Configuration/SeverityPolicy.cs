using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Core.Configuration;

/// <summary>
/// The .NET conventions for diagnostic severities, applied the same way by <c>dotnet build</c> and <c>lint</c>:
/// <c>dotnet_diagnostic.BM6xxx.severity</c> in the <c>.editorconfig</c> files above each script (nearest file and
/// last matching section win; the search stops at <c>root = true</c>), then <c>WarningsAsErrors</c>, then
/// <c>NoWarn</c> (which never hides an error).
/// </summary>
public sealed class SeverityPolicy(IReadOnlyCollection<string>? warningsAsErrors = null, IReadOnlyCollection<string>? noWarn = null)
{
    private const string EditorConfigName = ".editorconfig";
    private readonly HashSet<string> _asErrors = new(warningsAsErrors ?? [], StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _noWarn = new(noWarn ?? [], StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyList<EditorConfigFile>> _configsByDirectory = new(StringComparer.Ordinal);

    /// <summary>Splits an MSBuild list property (<c>BM6001;BM6002</c>, commas allowed) into codes.</summary>
    public static IReadOnlyList<string> ParseList(string? value) =>
        (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The diagnostics with their configured severities; those configured <c>none</c> or silenced are gone.</summary>
    public IReadOnlyList<Diagnostic> Apply(IEnumerable<Diagnostic> diagnostics)
    {
        var kept = new List<Diagnostic>();
        foreach (var diagnostic in diagnostics)
        {
            var configured = IsLint(diagnostic) ? WithEditorConfig(diagnostic) : diagnostic;
            if (configured is null)
                continue;
            if (configured.Severity == DiagnosticSeverity.Warning && _asErrors.Contains(configured.Code))
                configured = configured with { Severity = DiagnosticSeverity.Error };
            if (configured.IsError || !_noWarn.Contains(configured.Code))
                kept.Add(configured);
        }
        return kept;
    }

    private static bool IsLint(Diagnostic diagnostic) => diagnostic.Code.StartsWith("BM6", StringComparison.Ordinal);

    private Diagnostic? WithEditorConfig(Diagnostic diagnostic)
    {
        if (diagnostic.File is null)
            return diagnostic;
        var path = Path.GetFullPath(diagnostic.File);
        var key = $"dotnet_diagnostic.{diagnostic.Code}.severity";
        string? value = null;
        // Nearest file last, so its value overrides those of files further up.
        foreach (var config in ConfigsAbove(Path.GetDirectoryName(path)!).Reverse())
            value = config.Value(path, key) ?? value;
        return value?.ToLowerInvariant() switch
        {
            "error" => diagnostic with { Severity = DiagnosticSeverity.Error },
            "warning" => diagnostic with { Severity = DiagnosticSeverity.Warning },
            "suggestion" => diagnostic with { Severity = DiagnosticSeverity.Suggestion },
            "silent" or "none" => null,
            _ => diagnostic,
        };
    }

    /// <summary>The .editorconfig files from <paramref name="directory"/> upwards, nearest first, up to the first root file.</summary>
    private IReadOnlyList<EditorConfigFile> ConfigsAbove(string directory)
    {
        if (_configsByDirectory.TryGetValue(directory, out var cached))
            return cached;
        var configs = new List<EditorConfigFile>();
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var file = Path.Combine(current.FullName, EditorConfigName);
            if (!File.Exists(file))
                continue;
            var config = EditorConfigFile.Parse(File.ReadAllText(file), current.FullName);
            configs.Add(config);
            if (config.IsRoot)
                break;
        }
        return _configsByDirectory[directory] = configs;
    }
}
