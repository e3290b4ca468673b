using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Lint;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Engines.History;
using BuildMigrations.Engines.Schema;

namespace BuildMigrations.Engines.Verification;

/// <summary>
/// Proves one migration on a database at the version just before it: the up applies, the verify script passes,
/// the down brings the schema back exactly (a snapshot diff names what is left over or missing), the up applies
/// again to the same schema, and the verify script passes again. A data script (<c>.data.sql</c>) runs just before
/// the up, so the migration is proven on tables that hold rows. Returns the problems found; none means proven.
/// </summary>
public static class RollbackProof
{
    /// <summary>
    /// Proves the migration. <paramref name="walk"/> carries the schema a caller proving migrations one after another
    /// already knows; <paramref name="measured"/> gets the locks and rewrites of the up and down, where the engine can tell.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(
        IMigrationEngine engine, LoadedBundle bundle, BundleMigration migration, AuditContext audit, CancellationToken cancellationToken,
        ProofWalkState? walk = null, Action<MeasuredMigration>? measured = null)
    {
        var meter = measured is null ? null : ImpactMeter.For(engine);
        MeasuredScript? upImpact = null, downImpact = null;
        var problems = await ProveAsync();
        if (upImpact is not null)
            measured!(new MeasuredMigration(migration.Version, upImpact, downImpact));
        return problems;

        async Task<ExecutionResult> MeasuredAsync(Func<Task<ExecutionResult>> run, Action<MeasuredScript?> keep)
        {
            if (meter is null)
                return await run();
            var (result, impact) = await meter.MeasureAsync(run, cancellationToken);
            keep(impact);
            return result;
        }

        async Task<IReadOnlyList<string>> ProveAsync()
        {
            var snapshots = SchemaSnapshots.Of(engine);
            var executor = new MigrationExecutor(engine, audit, ExecutorOptions.Default);
            await engine.EnsureHistoryAsync(cancellationToken);
            var before = walk?.Schema ?? await snapshots.SnapshotAsync(cancellationToken);
            if (walk is not null)
                walk.Schema = null; // unknown until this proof passes
            if (await DataAsync(engine, bundle, migration, cancellationToken) is { } dataFailure)
                return [dataFailure];

            var up = await MeasuredAsync(() => executor.DeployAsync(bundle, migration.Version, cancellationToken), impact => upImpact = impact);
            if (Failed(up, "the up script failed") is { } upFailure)
                return [upFailure];
            var afterUp = await snapshots.SnapshotAsync(cancellationToken);
            if (await VerifyAsync(engine, bundle, migration, "after up", cancellationToken) is { } verifyFailure)
                return [verifyFailure];
            if (migration.Irreversible is not null)
                return Passed(afterUp); // declared irreversible: there is no down to prove

            var down = await MeasuredAsync(() => executor.RollbackAsync(bundle, new RollbackTarget.Steps(1), cancellationToken), impact => downImpact = impact);
            if (Failed(down, "the down script failed") is { } downFailure)
                return [downFailure];
            var afterDown = await snapshots.SnapshotAsync(cancellationToken);
            var leftovers = afterDown.Compare(before).Select(d => d.Describe("after down")).ToList();
            if (leftovers.Count > 0)
                return leftovers;

            var again = await executor.DeployAsync(bundle, migration.Version, cancellationToken);
            if (Failed(again, "the up script failed when applied again after down") is { } againFailure)
                return [againFailure];
            // Down restored the schema exactly, so up again starts where the first up did: its schema needs no new snapshot.
            return await VerifyAsync(engine, bundle, migration, "after down and up again", cancellationToken) is { } secondVerify ? [secondVerify] : Passed(afterUp);
        }

        IReadOnlyList<string> Passed(SchemaSnapshot schema)
        {
            if (walk is not null)
                walk.Schema = schema;
            return [];
        }
    }

    private static string? Failed(ExecutionResult result, string what) =>
        result.Outcome == Outcome.Done && result.Steps.All(s => s.Succeeded)
            ? null
            : $"{what}: {string.Join("; ", result.Diagnostics.Where(d => d.IsError).Select(d => d.Line > 0 ? $"{d.File}({d.Line}): {d.Message}" : d.Message))}";

    /// <summary>Runs the data script (rows for the proof) before the up; its error (with its line) when it fails.</summary>
    public static Task<string?> DataAsync(IMigrationEngine engine, LoadedBundle bundle, BundleMigration migration, CancellationToken cancellationToken) =>
        RunAsync(engine, bundle, migration.Data, "the data script failed before the up", cancellationToken);

    /// <summary>Runs the verify script; its error (with its line) when it fails.</summary>
    public static Task<string?> VerifyAsync(IMigrationEngine engine, LoadedBundle bundle, BundleMigration migration, string when, CancellationToken cancellationToken) =>
        RunAsync(engine, bundle, migration.Verify, $"the verify script failed {when}", cancellationToken);

    private static async Task<string?> RunAsync(IMigrationEngine engine, LoadedBundle bundle, BundleScript? script, string what, CancellationToken cancellationToken)
    {
        if (script is null)
            return null;
        try
        {
            await engine.RunEachAsync(engine.Split(bundle.ScriptText(script)), cancellationToken);
            return null;
        }
        catch (StatementFailedException e)
        {
            return $"{what}: {script.Source}({e.SourceLine(script.SourceLine)}): {e.Message} in statement: {e.Statement.Text}";
        }
    }
}
