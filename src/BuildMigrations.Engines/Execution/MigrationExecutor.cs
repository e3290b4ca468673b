using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines.Execution;

/// <summary>
/// Deploys, rolls back, repairs and baselines through one engine session. Every command that changes the
/// database holds the deploy lock and re-reads the history under it, so concurrent deployers apply each
/// migration exactly once.
/// </summary>
public sealed class MigrationExecutor(IMigrationEngine engine, AuditContext audit, ExecutorOptions options, IExecutionObserver? observer = null)
{
    private readonly IExecutionObserver _observer = observer ?? NoObserver.Instance;

    /// <summary>Each migration's status; reads only (creates no table, takes no lock).</summary>
    public async Task<IReadOnlyList<MigrationState>> StatusAsync(BundleManifest? manifest, CancellationToken cancellationToken) =>
        MigrationStates.Compute(manifest, await engine.ReadHistoryAsync(cancellationToken, HistoryDetail.States));

    /// <summary>The audit trail, oldest first.</summary>
    public Task<IReadOnlyList<HistoryRecord>> HistoryAsync(CancellationToken cancellationToken) => engine.ReadHistoryAsync(cancellationToken);

    /// <summary>What deploy would do now; changes nothing.</summary>
    public async Task<DeployPlan> PlanAsync(LoadedBundle bundle, string? target, CancellationToken cancellationToken) =>
        DeployPlan.Create(bundle.Manifest, await StatusAsync(bundle.Manifest, cancellationToken), target, options.AllowOutOfOrder);

    /// <summary>Applies the pending migrations up to <paramref name="target"/>, stopping at the first failure.</summary>
    public async Task<ExecutionResult> DeployAsync(LoadedBundle bundle, string? target, CancellationToken cancellationToken)
    {
        // Nothing to apply needs no lock and writes nothing: one read of the history (a consistent snapshot) decides,
        // as if this deploy had run just before whatever another deployer is doing. Anything else, a refusal included,
        // is decided again under the lock, where a running deployer's work is waited for rather than seen half done.
        if (!engine.ReadsWaitForWriters)
        {
            var glance = await PlanAsync(bundle, target, cancellationToken);
            if (glance.CanProceed && glance.ToApply.Count == 0)
                return new ExecutionResult(Outcome.Done, glance.Diagnostics, []);
        }
        return await UnderLockAsync(async () =>
        {
            var plan = await PlanAsync(bundle, target, cancellationToken);
            if (!plan.CanProceed)
                return ExecutionResult.Stopped(plan.Blocked, plan.Diagnostics);
            return await RunUpsAsync(bundle, plan.ToApply, plan.Diagnostics, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Applies exactly <paramref name="migrations"/>, in the order given, whatever else is pending: rebuilds on an
    /// empty database what another database's history records as applied (drift's expected schema).
    /// </summary>
    public Task<ExecutionResult> ApplyExactlyAsync(LoadedBundle bundle, IReadOnlyList<BundleMigration> migrations, CancellationToken cancellationToken) =>
        UnderLockAsync(() => RunUpsAsync(bundle, migrations, [], cancellationToken), cancellationToken);

    private async Task<ExecutionResult> RunUpsAsync(LoadedBundle bundle, IReadOnlyList<BundleMigration> migrations, IReadOnlyList<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var scripts = migrations.Select(m => new ScriptToRun(m, m.Up, bundle.ScriptText(m.Up),
            options.Verify && m.Verify is { } verify ? (verify, bundle.ScriptText(verify)) : null)).ToList();
        var (refused, steps, failure) = await new ScriptRunner(engine, audit, _observer).RunAllAsync(scripts, HistoryDirection.Up, cancellationToken);
        if (refused.Count > 0)
            return ExecutionResult.Stopped(Outcome.HistoryConflict, refused);
        return failure is null
            ? new ExecutionResult(Outcome.Done, diagnostics, steps)
            : new ExecutionResult(Outcome.MigrationFailed, [.. diagnostics, failure], steps);
    }

    /// <summary>Runs down scripts, newest first.</summary>
    public Task<ExecutionResult> RollbackAsync(LoadedBundle bundle, RollbackTarget target, CancellationToken cancellationToken) =>
        UnderLockAsync(async () =>
        {
            var plan = RollbackPlan.Create(await StatusAsync(bundle.Manifest, cancellationToken), target);
            if (!plan.CanProceed)
                return ExecutionResult.Stopped(plan.Blocked, plan.Diagnostics);
            if (plan.ToRevert.Count > 0)
                await engine.EnsureHistoryAsync(cancellationToken);
            var scripts = plan.ToRevert.Select(s => new ScriptToRun(s.Migration!, s.Migration!.Down!, bundle.ScriptText(s.Migration!.Down!))).ToList();
            var (refused, steps, failure) = await new ScriptRunner(engine, audit, _observer).RunAllAsync(scripts, HistoryDirection.Down, cancellationToken);
            if (refused.Count > 0)
                return ExecutionResult.Stopped(Outcome.HistoryConflict, refused);
            if (failure is not null)
                return new ExecutionResult(Outcome.MigrationFailed, [failure], steps);
            return new ExecutionResult(Outcome.Done, plan.Diagnostics, steps);
        }, cancellationToken, historyFirst: false);

    /// <summary>
    /// Clears failed records (after the database was fixed by hand); with <paramref name="acceptChecksums"/> also
    /// records the bundle's checksum for applied migrations whose script changed.
    /// </summary>
    public Task<ExecutionResult> RepairAsync(LoadedBundle bundle, bool acceptChecksums, CancellationToken cancellationToken) =>
        UnderLockAsync(async () =>
        {
            var states = await StatusAsync(bundle.Manifest, cancellationToken);
            var diagnostics = new List<Diagnostic>();
            var steps = new List<StepResult>();
            foreach (var state in states)
            {
                var accept = acceptChecksums && state.Status == MigrationStatus.ChecksumChanged;
                if (state.Status != MigrationStatus.Failed && !accept)
                {
                    if (state.Status == MigrationStatus.ChecksumChanged)
                        diagnostics.Add(DeployProblems.ChecksumChanged(state.Name, state.AppliedChecksum!, state.Migration!.Up.Sha256));
                    continue;
                }
                var checksum = accept ? state.Migration!.Up.Sha256 : null;
                await engine.EnsureHistoryAsync(cancellationToken);
                await engine.AppendHistoryAsync(audit.Record(state.Version, state.Description, HistoryDirection.Repair,
                    HistoryStatus.Applied, checksum, transactional: true, DateTimeOffset.UtcNow), cancellationToken);
                steps.Add(new StepResult(state.Name, HistoryDirection.Repair, true, TimeSpan.Zero));
            }
            return new ExecutionResult(diagnostics.HasErrors() ? Outcome.HistoryConflict : Outcome.Done, diagnostics, steps);
        }, cancellationToken, historyFirst: false);

    /// <summary>Marks a database without history as being at <paramref name="version"/>.</summary>
    public Task<ExecutionResult> BaselineAsync(string version, string description, CancellationToken cancellationToken) =>
        UnderLockAsync(async () =>
        {
            if (Core.Model.MigrationVersion.TryParse(version) is null)
                return ExecutionResult.Stopped(Outcome.Refused, [DeployProblems.NotAVersion(version)]);
            if ((await engine.ReadHistoryAsync(cancellationToken)).Count > 0)
                return ExecutionResult.Stopped(Outcome.HistoryConflict, [DeployProblems.HistoryNotEmpty()]);
            await engine.AppendHistoryAsync(audit.Record(version, description, HistoryDirection.Baseline,
                HistoryStatus.Applied, null, transactional: true, DateTimeOffset.UtcNow), cancellationToken);
            return new ExecutionResult(Outcome.Done, [], [new StepResult($"{version}_{description}", HistoryDirection.Baseline, true, TimeSpan.Zero)]);
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> under the deploy lock. <paramref name="historyFirst"/> false: the work makes sure of
    /// the history table itself, only once it has something to write (rollback and repair with nothing to do leave a
    /// database without history as it was).
    /// </summary>
    private async Task<ExecutionResult> UnderLockAsync(Func<Task<ExecutionResult>> work, CancellationToken cancellationToken, bool historyFirst = true)
    {
        if (!await DeployLock.AcquireAsync(engine, options, _observer, cancellationToken))
            return ExecutionResult.Stopped(Outcome.LockTimeout, [DeployProblems.LockTimeout(options.LockTimeout)]);
        try
        {
            if (historyFirst)
                await engine.EnsureHistoryAsync(cancellationToken);
            return await work();
        }
        finally
        {
            await engine.ReleaseLockAsync(CancellationToken.None);
        }
    }
}
