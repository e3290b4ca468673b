using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Execution;

namespace BuildMigrations.Tool;

/// <summary>The tool's exit codes (PRODUCT.md section 5): pipelines branch on them.</summary>
internal static class ExitCodes
{
    public const int Done = 0;
    public const int MigrationFailed = 1;
    public const int BadInput = 2;
    public const int IntegrityRefused = 3;
    public const int LockNotAcquired = 4;
    public const int HistoryConflict = 5;

    /// <summary>
    /// The exit code for a refusal raised as an exception: integrity and signature refusals (BM3xxx) exit 3
    /// (a bundle that is not there is bad input); everything else raised this way is bad input.
    /// </summary>
    public static int For(Diagnostic diagnostic) =>
        diagnostic.Code.StartsWith("BM3", StringComparison.Ordinal) && diagnostic.Code != "BM3015" ? IntegrityRefused : BadInput;

    /// <summary>The exit code for how an executor command ended.</summary>
    public static int For(Outcome outcome) => outcome switch
    {
        Outcome.Done => Done,
        Outcome.MigrationFailed => MigrationFailed,
        Outcome.LockTimeout => LockNotAcquired,
        Outcome.HistoryConflict => HistoryConflict,
        _ => BadInput,
    };
}
