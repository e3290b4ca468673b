using System.Diagnostics;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Sql;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines.Execution;

/// <summary>A script to run: a migration's up or down, and after an up its verify script when asked for.</summary>
internal sealed record ScriptToRun(BundleMigration Migration, BundleScript Script, string Text, (BundleScript Script, string Text)? Verify = null);

/// <summary>
/// Runs scripts in order and records them, stopping at the first failure. In a transaction where the engine allows it
/// (the script and its history row commit together, so a crash leaves no trace); otherwise recorded as running first and
/// as applied or failed after, so a crash leaves a running row that stops later deploys until repaired.
/// </summary>
internal sealed class ScriptRunner(IMigrationEngine engine, AuditContext audit, IExecutionObserver observer)
{
    // Consecutive scripts of one kind (transactional or not) go to the engine as one series, one round trip where it
    // can: a deploy of many small migrations is otherwise bound by round trips. Bounded so one request stays modest.
    private const int MaxScriptsPerSeries = 100;
    private const int MaxCharsPerSeries = 1 << 20;

    /// <summary>
    /// Runs the scripts; <c>Refused</c> lists the transaction control found in them before anything ran (then nothing
    /// did), <c>Failure</c> the failure that stopped them.
    /// </summary>
    public async Task<(IReadOnlyList<Diagnostic> Refused, List<StepResult> Steps, Diagnostic? Failure)> RunAllAsync(
        IReadOnlyList<ScriptToRun> scripts, HistoryDirection direction, CancellationToken cancellationToken)
    {
        var runs = scripts.Select(s => new Run(s, engine, audit, direction)).ToList();
        var steps = new List<StepResult>();
        var refused = TransactionControlIn(runs);
        if (refused.Count > 0)
            return (refused, steps, null);
        for (var next = 0; next < runs.Count;)
        {
            // A cancel that came while the server finished a request starts no further one.
            cancellationToken.ThrowIfCancellationRequested();
            var series = Series(runs, next);
            var failure = await RunSeriesAsync(series, steps, cancellationToken);
            if (failure is not null)
                return ([], steps, failure);
            next += series.Count;
        }
        return ([], steps, null);
    }

    /// <summary>
    /// Statements of bundles built before the build refused them (BM1020) that would end the tool's transaction: found
    /// before anything runs, so history and schema stay consistent. A verify script runs in its up's transaction.
    /// </summary>
    private static List<Diagnostic> TransactionControlIn(List<Run> runs)
    {
        var problems = new List<Diagnostic>();
        foreach (var run in runs.Where(r => r.Transactional))
        {
            foreach (var (statement, command) in TransactionControl.Find(run.All))
            {
                var script = run.ScriptOf(statement);
                problems.Add(DeployProblems.TransactionControlInBundle(script.Source, script.SourceLine + statement.Line - 1, run.Source.Migration.Name, command));
            }
        }
        return problems;
    }

    /// <summary>The runs from <paramref name="first"/> on that go to the engine together: all transactional, or all not.</summary>
    private static List<Run> Series(List<Run> runs, int first)
    {
        var series = new List<Run> { runs[first] };
        var chars = runs[first].Chars;
        for (var i = first + 1; i < runs.Count && runs[i].Transactional == runs[first].Transactional && series.Count < MaxScriptsPerSeries; i++)
        {
            chars += runs[i].Chars;
            if (chars > MaxCharsPerSeries)
                break;
            series.Add(runs[i]);
        }
        return series;
    }

    private async Task<Diagnostic?> RunSeriesAsync(List<Run> series, List<StepResult> steps, CancellationToken cancellationToken)
    {
        var progress = new SeriesProgress(series, observer, steps);
        try
        {
            if (series[0].Transactional)
                await engine.RunTransactionsAsync(series.Select(run => new TransactionalScript(run.All, () => run.Record() with { FinishedAt = DateTimeOffset.UtcNow })).ToList(), progress, cancellationToken);
            else
                await engine.RunRecordedAsync(series.Select(run => new RecordedScript(run.All, run.Record)).ToList(), progress, cancellationToken);
            return null;
        }
        catch (StatementFailedException e)
        {
            var run = series[e.ScriptIndex];
            run.Start(observer); // no-op when its start was reported, as engines do before a script's failure
            // A transactional script left nothing; one that was not may have left half-built objects.
            var leftovers = run.Transactional ? null : await engine.DescribeLeftoversAsync(cancellationToken);
            var failure = Describe(run, e, leftovers);
            await RecordFailureAsync(run.Record() with { Id = e.HistoryId, Status = HistoryStatus.Failed }, e, failure, cancellationToken);
            Finish(run, succeeded: false, observer, steps);
            return failure;
        }
    }

    private static void Finish(Run run, bool succeeded, IExecutionObserver observer, List<StepResult> steps)
    {
        var step = new StepResult(run.Source.Migration.Name, run.Direction, succeeded, run.Elapsed);
        steps.Add(step);
        observer.Finished(step);
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
    private static Diagnostic Describe(Run run, StatementFailedException e, string? leftovers)
    {
        var migration = run.Source.Migration;
        var script = run.ScriptOf(e.Statement);
        var line = e.SourceLine(script.SourceLine);
        var statement = e.Statement.Text.Length > 500 ? e.Statement.Text[..500] + "…" : e.Statement.Text;
        var inVerify = ReferenceEquals(script, migration.Verify);
        var message = $"{(inVerify ? "its verify script failed after the up: " : "")}{e.Message}\n  in statement: {statement}{(leftovers is null ? "" : $"\n  left behind: {leftovers}")}";
        return DeployProblems.MigrationFailed(script.Source, line, migration.Name, message, run.Direction, run.Transactional, inVerify);
    }

    /// <summary>One script on its way: its statements, and when it started.</summary>
    private sealed class Run
    {
        private readonly AuditContext _audit;
        private Stopwatch? _clock;
        private DateTimeOffset _startedAt;

        public Run(ScriptToRun source, IMigrationEngine engine, AuditContext audit, HistoryDirection direction)
        {
            _audit = audit;
            Source = source;
            Direction = direction;
            Statements = engine.Split(source.Text);
            VerifyStatements = source.Verify is { } verify ? engine.Split(verify.Text) : [];
            All = [.. Statements, .. VerifyStatements];
            Chars = source.Text.Length + (source.Verify?.Text.Length ?? 0);
            Transactional = source.Script.Transactional && engine.TransactionalDdl;
        }

        public ScriptToRun Source { get; }
        public HistoryDirection Direction { get; }
        public IReadOnlyList<SqlStatement> Statements { get; }
        public IReadOnlyList<SqlStatement> VerifyStatements { get; }
        public IReadOnlyList<SqlStatement> All { get; }
        public int Chars { get; }
        public bool Transactional { get; }
        public TimeSpan Elapsed => _clock?.Elapsed ?? TimeSpan.Zero;

        /// <summary>The script a statement belongs to: the verify's statements run after the up's, as one list.</summary>
        public BundleScript ScriptOf(SqlStatement statement) =>
            VerifyStatements.Any(s => ReferenceEquals(s, statement)) ? Source.Verify!.Value.Script : Source.Script;

        /// <summary>Marks the start (once) and tells the observer.</summary>
        public void Start(IExecutionObserver observer)
        {
            if (_clock is not null)
                return;
            _startedAt = DateTimeOffset.UtcNow;
            _clock = Stopwatch.StartNew();
            observer.Started(Source.Migration.Name, Direction);
        }

        /// <summary>Its history row as of its start: applied with its transaction, or running until it is marked.</summary>
        public HistoryRecord Record() => _audit.Record(Source.Migration.Version, Source.Migration.Description, Direction,
            Transactional ? HistoryStatus.Applied : HistoryStatus.Running, Source.Script.Sha256, Transactional, _startedAt);

        public void ReportStatement(IExecutionObserver observer, int index)
        {
            // A verify after an empty up reports nothing: its statements are not the up's.
            if (Statements.Count > 0)
                observer.Statement(Source.Migration.Name, index, Statements.Count, Source.Script.SourceLine + Statements[Math.Min(index, Statements.Count - 1)].Line - 1);
        }
    }

    /// <summary>Tells the observer what the engine reports of a series, and keeps each script's step.</summary>
    private sealed class SeriesProgress(List<Run> series, IExecutionObserver observer, List<StepResult> steps) : ISeriesProgress
    {
        public void Started(int script) => series[script].Start(observer);

        public void Statement(int script, int statement) => series[script].ReportStatement(observer, statement);

        public void Finished(int script) => Finish(series[script], succeeded: true, observer, steps);
    }
}
