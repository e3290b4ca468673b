using BuildMigrations.Engines.Execution;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Tool.Output;

/// <summary>Progress of a deploy or rollback for people: one line per script, with its time.</summary>
internal sealed class ConsoleObserver(Reporter reporter) : IExecutionObserver
{
    public void WaitingForLock() => reporter.Line("waiting for the database lock (another deployment is running)...");

    public void Started(string migration, HistoryDirection direction) =>
        reporter.Line($"{(direction == HistoryDirection.Down ? "reverting" : "applying")} {migration} ...");

    public void Finished(StepResult step) =>
        reporter.Line($"  {(step.Succeeded ? "done" : "FAILED")} in {Durations.Format(step.Duration)}");
}
