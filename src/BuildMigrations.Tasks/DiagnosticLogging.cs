using BuildMigrations.Core.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace BuildMigrations.Tasks;

/// <summary>Core diagnostics as MSBuild errors and warnings, with code, file, line and column (clickable in IDEs).</summary>
internal static class DiagnosticLogging
{
    public static void Log(this TaskLoggingHelper log, Diagnostic diagnostic)
    {
        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                log.LogError(null, diagnostic.Code, null, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
                break;
            case DiagnosticSeverity.Warning:
                log.LogWarning(null, diagnostic.Code, null, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
                break;
            default:
                // A suggestion (.editorconfig): shown in the build output, never a warning.
                log.LogMessage(null, diagnostic.Code, null, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, MessageImportance.High, diagnostic.Message);
                break;
        }
    }

    public static void Log(this TaskLoggingHelper log, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
            log.Log(diagnostic);
    }
}
