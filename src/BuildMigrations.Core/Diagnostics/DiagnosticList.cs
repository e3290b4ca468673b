namespace BuildMigrations.Core.Diagnostics;

/// <summary>Extensions over a sequence of diagnostics.</summary>
public static class DiagnosticList
{
    /// <summary>True when any diagnostic is an error.</summary>
    public static bool HasErrors(this IEnumerable<Diagnostic> diagnostics) => diagnostics.Any(d => d.IsError);

    /// <summary>Diagnostics ordered by file, line and column, so output is stable.</summary>
    public static IReadOnlyList<Diagnostic> InReadingOrder(this IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(d => d.File ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
}
