using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Engines.History;
using BuildMigrations.Engines.Schema;

namespace BuildMigrations.Engines.Verification;

/// <summary>
/// Drift: the live schema of a database against the schema its applied migrations produce. The expected schema
/// is rebuilt on an empty throwaway database from the bundle's scripts (never from a snapshot stored at deploy
/// time, which would bake in hand changes made before that deploy and would not exist for older deployments).
/// </summary>
public static class DriftCheck
{
    /// <summary>
    /// The migrations to replay on the throwaway database: those the history counts as applied, in the bundle's
    /// order (pending ones are not drift). Problems when the bundle cannot say what the database should hold:
    /// a migration applied but not in the bundle, applied with another checksum, or failed and not repaired.
    /// </summary>
    public static (IReadOnlyList<BundleMigration> Applied, IReadOnlyList<Diagnostic> Problems) Basis(IReadOnlyList<MigrationState> states)
    {
        var applied = new List<BundleMigration>();
        var problems = new List<Diagnostic>();
        foreach (var state in states)
        {
            switch (state.Status)
            {
                case MigrationStatus.Applied or MigrationStatus.Baselined when state.Migration is not null:
                    // A baselined migration was not run by deploy, but baseline says the database holds what it makes.
                    applied.Add(state.Migration);
                    break;
                case MigrationStatus.AppliedNotInBundle:
                    problems.Add(DeployProblems.AppliedMigrationMissing(state.Name));
                    break;
                case MigrationStatus.ChecksumChanged:
                    problems.Add(DeployProblems.ChecksumChanged(state.Name, state.AppliedChecksum!, state.Migration!.Up.Sha256));
                    break;
                case MigrationStatus.Failed:
                    problems.Add(DeployProblems.NeedsRepair(state.Name, state.FailedRecord?.Error));
                    break;
            }
        }
        return (applied, problems);
    }

    /// <summary>
    /// Applies <paramref name="applied"/> to the empty <paramref name="throwaway"/> database (described by
    /// <paramref name="where"/>) and returns its snapshot, or why it could not be built (BM5033 at the failing statement).
    /// </summary>
    public static async Task<(SchemaSnapshot? Expected, IReadOnlyList<Diagnostic> Problems)> ExpectedAsync(
        IMigrationEngine throwaway, string where, LoadedBundle bundle, IReadOnlyList<BundleMigration> applied, AuditContext audit, CancellationToken cancellationToken)
    {
        var result = await new MigrationExecutor(throwaway, audit, ExecutorOptions.Default).ApplyExactlyAsync(bundle, applied, cancellationToken);
        if (result.Outcome == Outcome.Done)
            return (await SchemaSnapshots.Of(throwaway).SnapshotAsync(cancellationToken), []);
        var failed = result.Steps.FirstOrDefault(s => !s.Succeeded)?.Migration;
        return (null, result.Diagnostics.Select(d => d.Code == "BM5001" && failed is not null ? DeployProblems.ExpectedSchemaFailed(d, failed, where) : d).ToList());
    }
}
