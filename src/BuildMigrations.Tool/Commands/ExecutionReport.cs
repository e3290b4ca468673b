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
        return reporter.Finish(ExitCodes.For(result.Outcome), new ExecutionJson(result.Outcome.ToString(), Steps(result)));
    }

    /// <summary>Each script run, as the JSON output shows it.</summary>
    public static IReadOnlyList<StepJson> Steps(ExecutionResult? result) => [.. (result?.Steps ?? []).Select(s =>
        new StepJson(s.Migration, s.Direction.ToString().ToLowerInvariant(), s.Succeeded, (long)s.Duration.TotalMilliseconds))];
}

internal sealed record ExecutionJson(string Outcome, IReadOnlyList<StepJson> Steps);

internal sealed record StepJson(string Migration, string Direction, bool Succeeded, long DurationMs);
