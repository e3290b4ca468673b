using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines.Execution;

/// <summary>Which applied migrations a rollback reverts, newest first.</summary>
public abstract record RollbackTarget
{
    /// <summary>Revert every applied migration newer than <paramref name="Version"/>, which must be a migration: it and those before it stay.</summary>
    public sealed record ToVersion(string Version) : RollbackTarget;

    /// <summary>Revert every applied migration, a version 0 included.</summary>
    public sealed record All : RollbackTarget;

    /// <summary>Revert the <paramref name="Count"/> newest applied migrations.</summary>
    public sealed record Steps(int Count) : RollbackTarget;
}

/// <summary>What a rollback would do, or why it must not start.</summary>
public sealed record RollbackPlan(IReadOnlyList<MigrationState> ToRevert, IReadOnlyList<Diagnostic> Diagnostics, Outcome Blocked)
{
    public bool CanProceed => Blocked == Outcome.Done;

    public static RollbackPlan Create(IReadOnlyList<MigrationState> states, RollbackTarget target)
    {
        var applied = states.Where(s => s.IsApplied).Reverse().ToList();
        List<MigrationState> toRevert;
        switch (target)
        {
            case RollbackTarget.ToVersion(var version):
                var limit = MigrationVersion.TryParse(version);
                if (limit is null)
                    return new RollbackPlan([], [DeployProblems.NotAVersion(version)], Outcome.Refused);
                if (!states.Any(s => MigrationVersion.Parse(s.Version) == limit))
                    return new RollbackPlan([], [DeployProblems.UnknownRollbackTarget(version)], Outcome.Refused);
                toRevert = applied.Where(s => MigrationVersion.Parse(s.Version) > limit).ToList();
                break;
            case RollbackTarget.All:
                toRevert = applied;
                break;
            case RollbackTarget.Steps(var count):
                toRevert = applied.Take(count).ToList();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(target));
        }

        var conflicts = new List<Diagnostic>();
        foreach (var state in states.Where(s => s.Status == MigrationStatus.Failed))
            conflicts.Add(DeployProblems.NeedsRepair(state.Name, state.FailedRecord?.Error));
        foreach (var state in toRevert)
        {
            if (state.Status == MigrationStatus.ChecksumChanged)
                conflicts.Add(DeployProblems.ChecksumChanged(state.Name, state.AppliedChecksum!, state.Migration!.Up.Sha256));
            else if (state.Migration is null || (state.Migration.Down is null && state.Migration.Irreversible is null))
                conflicts.Add(DeployProblems.NoDownScript(state.Name));
        }
        if (conflicts.Count > 0)
            return new RollbackPlan([], conflicts, Outcome.HistoryConflict);

        var irreversible = toRevert.Where(s => s.Migration!.Irreversible is not null).Select(s => DeployProblems.Irreversible(s.Name, s.Migration!.Irreversible!)).ToList();
        if (irreversible.Count > 0)
            return new RollbackPlan([], irreversible, Outcome.Refused);
        if (toRevert.Count == 0)
            return new RollbackPlan([], [DeployProblems.NothingToRollBack()], Outcome.Done);
        return new RollbackPlan(toRevert, [], Outcome.Done);
    }
}
