using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines.Execution;

/// <summary>How an executor command ended; the tool maps each to its exit code.</summary>
public enum Outcome
{
    /// <summary>Everything asked for was done (possibly nothing, when nothing was pending).</summary>
    Done,

    /// <summary>A script failed; earlier migrations stay applied.</summary>
    MigrationFailed,

    /// <summary>The request cannot be carried out as asked (unknown version, irreversible migration); nothing changed.</summary>
    Refused,

    /// <summary>Another deployer held the lock until the timeout; nothing changed.</summary>
    LockTimeout,

    /// <summary>The database's history disagrees with the bundle; nothing changed.</summary>
    HistoryConflict,
}

/// <summary>One script run by a command.</summary>
public sealed record StepResult(string Migration, HistoryDirection Direction, bool Succeeded, TimeSpan Duration);

/// <summary>What a command did and found.</summary>
public sealed record ExecutionResult(Outcome Outcome, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<StepResult> Steps)
{
    public static ExecutionResult Stopped(Outcome outcome, IEnumerable<Diagnostic> diagnostics) => new(outcome, diagnostics.ToList(), []);
}
