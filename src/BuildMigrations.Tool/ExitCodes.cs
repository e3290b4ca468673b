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
    public const int DriftFound = 6;

    /// <summary>128 + SIGINT, as shells report a program stopped by Ctrl+C.</summary>
    public const int Cancelled = 130;

    private static readonly Dictionary<int, string> Meanings = new()
    {
        [Done] = "done",
        [MigrationFailed] = "a migration (or a database command) failed; the message says what the database holds now",
        [BadInput] = "bad arguments or unreadable input (BM1xxx, BM4xxx, most BM5xxx refusals)",
        [IntegrityRefused] = "the bundle's integrity or signature was refused (BM3xxx)",
        [LockNotAcquired] = "another deployer held the database lock for --lock-timeout; nothing changed",
        [HistoryConflict] = "refused before changing anything: the database's history disagrees with the bundle",
        [DriftFound] = "drift found: the database's schema differs from what its applied migrations produce",
        [Cancelled] = "cancelled (Ctrl+C, SIGTERM): what finished before stays done; run status",
    };

    /// <summary>The exit codes of each command, for its --help.</summary>
    private static readonly Dictionary<string, int[]> ByCommand = new()
    {
        ["build"] = [Done, BadInput],
        ["inspect"] = [Done, BadInput, IntegrityRefused],
        ["verify"] = [Done, BadInput, IntegrityRefused],
        ["keygen"] = [Done, BadInput],
        ["sign"] = [Done, BadInput, IntegrityRefused],
        ["new"] = [Done, BadInput],
        ["plan"] = [Done, MigrationFailed, BadInput, IntegrityRefused, HistoryConflict, Cancelled],
        ["deploy"] = [Done, MigrationFailed, BadInput, IntegrityRefused, LockNotAcquired, HistoryConflict, Cancelled],
        ["status"] = [Done, MigrationFailed, BadInput, IntegrityRefused, Cancelled],
        ["rollback"] = [Done, MigrationFailed, BadInput, IntegrityRefused, LockNotAcquired, HistoryConflict, Cancelled],
        ["history"] = [Done, MigrationFailed, BadInput, Cancelled],
        ["repair"] = [Done, MigrationFailed, BadInput, IntegrityRefused, LockNotAcquired, HistoryConflict, Cancelled],
        ["baseline"] = [Done, MigrationFailed, BadInput, LockNotAcquired, HistoryConflict, Cancelled],
        ["lint"] = [Done, BadInput],
        ["drift"] = [Done, MigrationFailed, BadInput, IntegrityRefused, HistoryConflict, DriftFound, Cancelled],
    };

    /// <summary>
    /// A fleet's exit code is its worst target's, in this order: a refused bundle (3, only before any target) and a
    /// history that disagrees with the bundle (5) need a person; a failed migration (1) a fix of the bundle; an unusable
    /// or unreachable target (2) a fix of the targets file or the network; a busy lock (4) only a re-run.
    /// </summary>
    private static readonly int[] FleetSeverity = [IntegrityRefused, HistoryConflict, MigrationFailed, BadInput, LockNotAcquired];

    /// <summary>What a command's --help adds after its list of exit codes.</summary>
    private static readonly Dictionary<string, string> Notes = new()
    {
        ["deploy"] = $"  With --targets: 0 only when every target succeeded, else the worst target's code, worst first: {string.Join(", ", FleetSeverity)}.",
    };

    /// <summary>"Exit codes: 0 done; 2 ..." for a command's --help; empty for a command not listed.</summary>
    public static string HelpFor(string command) =>
        ByCommand.TryGetValue(command, out var codes)
            ? "\n\nExit codes:\n" + string.Join("\n", codes.Select(c => $"  {c,3}  {Meanings[c]}"))
                + (Notes.TryGetValue(command, out var note) ? "\n" + note : "")
            : "";

    /// <summary>The exit code of a fleet deploy: <see cref="Done"/> when every target's is, else the worst of them.</summary>
    public static int Worst(IEnumerable<int> codes) =>
        codes.Where(c => c != Done).OrderBy(c => Array.IndexOf(FleetSeverity, c) is var rank and >= 0 ? rank : FleetSeverity.Length).FirstOrDefault(Done);

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
