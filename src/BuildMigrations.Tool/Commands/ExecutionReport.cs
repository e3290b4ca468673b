using BuildMigrations.Engines.Execution;
using BuildMigrations.Tool.Output;

namespace BuildMigrations.Tool.Commands;

/// <summary>Reports an executor result the same way for deploy, rollback, repair and baseline.</summary>
internal static class ExecutionReport
{
    public static int Finish(Reporter reporter, ExecutionResult result, string summary)
    {
        reporter.Report(result.Diagnostics);
        if (result.Outcome == Outcome.Done)
            reporter.Line(summary);
        return reporter.Finish(ExitCodes.For(result.Outcome), new
        {
            Outcome = result.Outcome.ToString(),
            Steps = Steps(result),
        });
    }

    /// <summary>Each script run, as the JSON output shows it.</summary>
    public static IEnumerable<object> Steps(ExecutionResult? result) => (result?.Steps ?? []).Select(s => new
    {
        s.Migration,
        Direction = s.Direction.ToString().ToLowerInvariant(),
        s.Succeeded,
        DurationMs = (long)s.Duration.TotalMilliseconds,
    });
}
