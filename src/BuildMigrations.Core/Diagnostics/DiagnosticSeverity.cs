namespace BuildMigrations.Core.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Reported, but the work goes on; can be silenced with NoWarn.</summary>
    Warning,

    /// <summary>The work stops: nothing is written.</summary>
    Error,

    /// <summary>Shown as information, never fails anything (<c>severity = suggestion</c> in .editorconfig).</summary>
    Suggestion,
}
