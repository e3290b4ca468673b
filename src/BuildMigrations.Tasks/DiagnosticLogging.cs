using BuildMigrations.Core.Diagnostics;
using Microsoft.Build.Utilities;

namespace BuildMigrations.Tasks;

/// <summary>Core diagnostics as MSBuild errors and warnings, with code, file, line and column (clickable in IDEs).</summary>
internal static class DiagnosticLogging
{
    public static void Log(this TaskLoggingHelper log, Diagnostic diagnostic)
    {
        if (diagnostic.IsError)
            log.LogError(null, diagnostic.Code, null, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
        else
            log.LogWarning(null, diagnostic.Code, null, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
    }

    public static void Log(this TaskLoggingHelper log, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
            log.Log(diagnostic);
    }
}
