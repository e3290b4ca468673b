namespace BuildMigrations.Core.Diagnostics;

/// <summary>
/// One problem found in user input, with a stable <c>BMnnnn</c> code and, where there is one, a location.
/// Line and column are 1-based; 0 means "no line".
/// </summary>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    string? File = null,
    int Line = 0,
    int Column = 0)
{
    /// <summary>True when this diagnostic stops the work.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The same diagnostic reported against <paramref name="file"/> (e.g. a path as the user typed it).</summary>
    public Diagnostic At(string file) => this with { File = file };

    /// <summary>The word MSBuild's canonical form uses for the severity: error, warning or info.</summary>
    public string Category => Severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>MSBuild's canonical form: <c>file(line,col): error BM1001: message</c>.</summary>
    public override string ToString()
    {
        var category = Category;
        if (File is null)
            return $"{category} {Code}: {Message}";
        var location = Line > 0 ? $"{File}({Line},{Math.Max(Column, 1)})" : File;
        return $"{location}: {category} {Code}: {Message}";
    }
}
