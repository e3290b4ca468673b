using System.Diagnostics;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Tool.Output;

/// <summary>
/// Progress of a deploy or rollback for people: one line per script, with its time; and for a script that runs
/// longer than a few seconds, which statement it is on, at most once a second, on stderr (so <c>--output json</c>
/// on stdout stays one document).
/// </summary>
internal sealed class ConsoleObserver(Reporter reporter, TextWriter progress) : IExecutionObserver
{
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private readonly Stopwatch _script = new();
    private TimeSpan _lastShown;

    public void WaitingForLock() => reporter.Line("waiting for the database lock (another deployment is running)...");

    public void Started(string migration, HistoryDirection direction)
    {
        reporter.Line($"{(direction == HistoryDirection.Down ? "reverting" : "applying")} {migration} ...");
        _script.Restart();
        _lastShown = TimeSpan.Zero;
    }

    public void Statement(string migration, int index, int count, int line)
    {
        var elapsed = _script.Elapsed;
        if (elapsed < QuietFor || elapsed - _lastShown < Every)
            return;
        _lastShown = elapsed;
        progress.WriteLine($"  {migration}: statement {index + 1} of {count} (line {line}), {Durations.Format(elapsed)} so far");
    }

    public void Finished(StepResult step) =>
        reporter.Line($"  {(step.Succeeded ? "done" : "FAILED")} in {Durations.Format(step.Duration)}");
}
