using System.Diagnostics;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Fleets;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Sources.NuGet;
using BuildMigrations.Tool.Output;

namespace BuildMigrations.Tool.Commands;

/// <summary>
/// <c>deploy --targets</c>: one loaded and verified bundle onto each target of a fleet plan, --parallel at a time,
/// canaries first. Each target has its own session and reporter, whose progress goes to stderr prefixed with the
/// target's line; one report line (or JSON object) per target as it finishes, then a summary. A target that fails,
/// even unreachable, stops no other; deploy being idempotent per database, a re-run continues where this one stopped.
/// </summary>
internal sealed class FleetDeploy(SourcedBundle source, SessionSettings settings, string? to, Reporter reporter)
{
    private readonly LoadedBundle bundle = source.Bundle;
    private readonly Lock _output = new();

    public async Task<int> RunAsync(FleetPlan plan, Shard shard, int parallel, CancellationToken cancellationToken)
    {
        // Every target's secrets are registered before anything about any of them is printed.
        var canaries = plan.Canaries.Select(Resolve).ToList();
        var rest = plan.Rest.Select(Resolve).ToList();
        var m = bundle.Manifest;
        var count = canaries.Count + rest.Count;
        reporter.Line($"deploying {m.Name} {m.Version} ({m.Migrations.Count} migrations) to {count} target{(count == 1 ? "" : "s")}"
            + (shard == Shard.All ? "" : $" (shard {shard} of the {plan.InFile} in the file)")
            + (canaries.Count > 0 ? $", {canaries.Count} canar{(canaries.Count == 1 ? "y" : "ies")} first" : "")
            + $", {parallel} at a time");

        var reports = await DeployAllAsync(canaries, parallel, cancellationToken);
        if (reports.All(r => r.ExitCode == ExitCodes.Done))
            reports.AddRange(await DeployAllAsync(rest, parallel, cancellationToken));
        else
            reports.AddRange(rest.Select(Skipped));

        var done = reports.Count(r => r.Status == "done");
        var skipped = reports.Count(r => r.Status == "skipped");
        reporter.Line($"{done} of {count} target{(count == 1 ? "" : "s")} deployed, {count - done - skipped} failed, {skipped} skipped");
        return reporter.Finish(ExitCodes.Worst(reports.Select(r => r.ExitCode)), new FleetSummaryJson("summary", $"{m.Name} {m.Version}", shard.ToString(), plan.InFile, count, done, count - done - skipped, skipped), oneLine: true);
    }

    private sealed record Target(FleetTarget Line, ConnectionTarget? Connection, Exception? Problem)
    {
        // env:NAME holds no secret, and says which target could not be resolved.
        public string Display => Connection?.Display
            ?? (Line.Connection.StartsWith("env:", StringComparison.Ordinal) ? Line.Connection : "(unusable connection)");
    }

    private sealed record TargetReport(Target Target, string Status, int ExitCode, Reporter Own, ExecutionResult? Result, TimeSpan Duration)
    {
        public int Applied => Result?.Steps.Count(s => s.Succeeded) ?? 0;
    }

    private Target Resolve(FleetTarget line)
    {
        try
        {
            return new Target(line, DatabaseSession.ResolveTarget(line.Connection, bundle), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new Target(line, null, e);
        }
    }

    private async Task<List<TargetReport>> DeployAllAsync(IReadOnlyList<Target> targets, int parallel, CancellationToken cancellationToken)
    {
        var reports = new TargetReport[targets.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, targets.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (i, token) => reports[i] = await DeployAsync(targets[i], token));
        return [.. reports];
    }

    private async Task<TargetReport> DeployAsync(Target target, CancellationToken cancellationToken)
    {
        var prefixed = new PrefixedWriter(reporter.Progress, $"[line {target.Line.Line}] ");
        var own = new Reporter(reporter.Format, prefixed, prefixed);
        var clock = Stopwatch.StartNew();
        ExecutionResult? result = null;
        int exitCode;
        try
        {
            if (target.Problem is not null)
                throw target.Problem;
            await using var session = await DatabaseSession.OpenAsync(source, target.Connection!, settings, own, cancellationToken);
            result = await session.Executor.DeployAsync(bundle, to, cancellationToken);
            own.Report(result.Diagnostics);
            exitCode = ExitCodes.For(result.Outcome);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the user's cancel stops the fleet (BM5035); anything else, a timeout surfacing as a cancellation
            // included, is this target's failure, as for a single deploy.
            exitCode = CommonOptions.ReportFailure(own, e);
        }
        return Print(new TargetReport(target, exitCode == ExitCodes.Done ? "done" : "failed", exitCode, own, result, clock.Elapsed));
    }

    private TargetReport Skipped(Target target) =>
        Print(new TargetReport(target, "skipped", ExitCodes.Done, new Reporter(reporter.Format, TextWriter.Null, TextWriter.Null), null, TimeSpan.Zero));

    private TargetReport Print(TargetReport report)
    {
        var reason = report.Status switch
        {
            "skipped" => "  not touched: a canary failed",
            "failed" when report.Own.Diagnostics.FirstOrDefault(d => d.IsError) is { } d => $"  {d.Code} {d.Message.ReplaceLineEndings(" ")}",
            _ => "",
        };
        var status = report.Status == "failed" ? "FAILED" : report.Status;
        lock (_output)
        {
            reporter.Line($"{status,-8} line {report.Target.Line.Line}  {report.Target.Display}  applied {report.Applied}  in {Durations.Format(report.Duration)}{reason}");
            reporter.JsonLine(report.Own.ToJson(report.ExitCode, new FleetTargetJson("target", report.Target.Line.Line, report.Target.Display, report.Status, report.Applied,
                (long)report.Duration.TotalMilliseconds, ExecutionReport.Steps(report.Result))));
        }
        return report;
    }
}

internal sealed record FleetSummaryJson(string Type, string Bundle, string Shard, int InFile, int Targets, int Done, int Failed, int Skipped);

internal sealed record FleetTargetJson(string Type, int Line, string Target, string Status, int Applied, long DurationMs, IReadOnlyList<StepJson> Steps);
