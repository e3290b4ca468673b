namespace BuildMigrations.Core.Diagnostics;

/// <summary>Stops an operation on input it refuses; carries the diagnostic that says why.</summary>
public sealed class DiagnosticException : Exception
{
    public DiagnosticException(Diagnostic diagnostic, Exception? inner = null)
        : base(diagnostic.ToString(), inner) => Diagnostic = diagnostic;

    /// <summary>What was refused, with its code.</summary>
    public Diagnostic Diagnostic { get; }
}
