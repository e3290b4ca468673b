using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines.Execution;

/// <summary>What a deploy would do: the migrations to apply in order, or why it must not start.</summary>
public sealed record DeployPlan(IReadOnlyList<BundleMigration> ToApply, IReadOnlyList<Diagnostic> Diagnostics, Outcome Blocked)
{
    /// <summary>True when the deploy may proceed.</summary>
    public bool CanProceed => Blocked == Outcome.Done;

    /// <summary>
    /// Plans a deploy up to <paramref name="target"/> (null: latest). Refuses (history conflict) on failed
    /// migrations, changed checksums, and pending migrations older than an applied one unless allowed.
    /// </summary>
    public static DeployPlan Create(BundleManifest manifest, IReadOnlyList<MigrationState> states, string? target, bool allowOutOfOrder)
    {
        var diagnostics = new List<Diagnostic>();
        MigrationVersion? limit = null;
        if (target is not null)
        {
            limit = MigrationVersion.TryParse(target);
            if (limit is null)
                return new DeployPlan([], [DeployProblems.NotAVersion(target)], Outcome.Refused);
            if (!manifest.Migrations.Any(m => MigrationVersion.Parse(m.Version) == limit))
                return new DeployPlan([], [DeployProblems.UnknownVersion(target)], Outcome.Refused);
        }

        var latestApplied = states.Where(s => s.IsApplied && s.Status != MigrationStatus.Baselined).Select(s => s.Version).LastOrDefault();
        var toApply = new List<BundleMigration>();
        foreach (var state in states)
        {
            switch (state.Status)
            {
                case MigrationStatus.Failed:
                    diagnostics.Add(DeployProblems.NeedsRepair(state.Name, state.FailedRecord?.Error));
                    break;
                case MigrationStatus.ChecksumChanged:
                    diagnostics.Add(DeployProblems.ChecksumChanged(state.Name, state.AppliedChecksum!, state.Migration!.Up.Sha256));
                    break;
                case MigrationStatus.AppliedNotInBundle:
                    diagnostics.Add(DeployProblems.AppliedNotInBundle(state.Name));
                    break;
                case MigrationStatus.Pending when limit is null || MigrationVersion.Parse(state.Version) <= limit:
                    if (!allowOutOfOrder && latestApplied is not null && MigrationVersion.Parse(state.Version) < MigrationVersion.Parse(latestApplied))
                        diagnostics.Add(DeployProblems.OutOfOrder(state.Name, latestApplied));
                    toApply.Add(state.Migration!);
                    break;
            }
        }
        var blocked = diagnostics.HasErrors() ? Outcome.HistoryConflict : Outcome.Done;
        return new DeployPlan(blocked == Outcome.Done ? toApply : [], diagnostics, blocked);
    }
}
