using System.Diagnostics;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines.Execution;

/// <summary>
/// Runs one script and records it. In a transaction where the engine allows it (the script and its history
/// row commit together, so a crash leaves no trace); otherwise recorded as running first and as applied or
/// failed after, so a crash leaves a running row that stops later deploys until repaired.
/// </summary>
internal sealed class ScriptRunner(IMigrationEngine engine, AuditContext audit, IExecutionObserver observer)
{
    public async Task<(StepResult Step, Diagnostic? Failure)> RunAsync(
        BundleMigration migration, BundleScript script, string text, HistoryDirection direction, CancellationToken cancellationToken,
        (BundleScript Script, string Text)? verify = null)
    {
        observer.Started(migration.Name, direction);
        var statements = engine.Split(text);
        var verifyStatements = verify is { } v ? engine.Split(v.Text) : [];
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var transactional = script.Transactional && engine.TransactionalDdl;
        var record = audit.Record(migration.Version, migration.Description, direction,
            transactional ? HistoryStatus.Applied : HistoryStatus.Running, script.Sha256, transactional, startedAt);

        void OnStatement(int index)
        {
            // A verify after an empty up reports nothing: its statements are not the up's.
            if (statements.Count > 0)
                observer.Statement(migration.Name, index, statements.Count, script.SourceLine + statements[Math.Min(index, statements.Count - 1)].Line - 1);
        }
        // The script a failing statement belongs to: the verify's statements run after the up's, as one list or two.
        BundleScript ScriptOf(StatementFailedException e) => verifyStatements.Any(s => ReferenceEquals(s, e.Statement)) ? verify!.Value.Script : script;

        Diagnostic? failure = null;
        if (transactional)
        {
            try
            {
                await engine.RunInTransactionAsync([.. statements, .. verifyStatements], () => record with { FinishedAt = DateTimeOffset.UtcNow }, cancellationToken, OnStatement);
            }
            catch (StatementFailedException e)
            {
                failure = Describe(migration, ScriptOf(e), e, leftovers: null, direction, transactional);
                await RecordFailureAsync(record with { Status = HistoryStatus.Failed }, e, failure, cancellationToken);
            }
        }
        else
        {
            try
            {
                await engine.RunRecordedAsync(record, [.. statements, .. verifyStatements], cancellationToken, OnStatement);
            }
            catch (StatementFailedException e)
            {
                var leftovers = await engine.DescribeLeftoversAsync(cancellationToken);
                failure = Describe(migration, ScriptOf(e), e, leftovers, direction, transactional);
                await RecordFailureAsync(record with { Id = e.HistoryId, Status = HistoryStatus.Failed }, e, failure, cancellationToken);
            }
        }
        var step = new StepResult(migration.Name, direction, failure is null, clock.Elapsed);
        observer.Finished(step);
        return (step, failure);
    }

    private async Task RecordFailureAsync(HistoryRecord failed, StatementFailedException e, Diagnostic failure, CancellationToken cancellationToken)
    {
        failed = failed with
        {
            FinishedAt = DateTimeOffset.UtcNow,
            Error = e.Message,
            FailedStatement = e.Statement.Text,
            FailedLine = failure.Line,
        };
        if (failed.Id == 0)
            await engine.AppendHistoryAsync(failed, cancellationToken);
        else
            await engine.CompleteHistoryAsync(failed, cancellationToken);
    }

    /// <summary>The failure with the line of the statement in the migration's source file.</summary>
    private static Diagnostic Describe(BundleMigration migration, BundleScript script, StatementFailedException e, string? leftovers, HistoryDirection direction, bool transactional)
    {
        var line = e.SourceLine(script.SourceLine);
        var statement = e.Statement.Text.Length > 500 ? e.Statement.Text[..500] + "…" : e.Statement.Text;
        var verifying = ReferenceEquals(script, migration.Verify) ? "its verify script failed after the up: " : "";
        var message = $"{verifying}{e.Message}\n  in statement: {statement}{(leftovers is null ? "" : $"\n  left behind: {leftovers}")}";
        return DeployProblems.MigrationFailed(script.Source, line, migration.Name, message, direction, transactional);
    }
}
