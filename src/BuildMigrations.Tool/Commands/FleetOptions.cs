using System.CommandLine;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Fleets;

namespace BuildMigrations.Tool.Commands;

/// <summary>deploy's fleet options: <c>--targets FILE [--parallel N] [--shard I/N] [--canary N]</c>.</summary>
internal sealed class FleetOptions
{
    public Option<string?> Targets { get; } = new("--targets")
    {
        HelpName = "FILE",
        Description = "Deploy to a fleet: one connection per line (URL, ADO.NET connection string or env:NAME); blank lines and lines starting with '#' are skipped. Instead of -c. Prints one line (with --output json, one JSON object) per target.",
    };

    public Option<int> Parallel { get; } = new("--parallel")
    {
        HelpName = "N",
        Description = "With --targets: how many targets to deploy at once.",
        DefaultValueFactory = _ => 1,
    };

    public Option<string?> Shard { get; } = new("--shard")
    {
        HelpName = "I/N",
        Description = "With --targets: only shard I of N, a stable share picked by a hash of each line (adding a line moves no other target). I counts modulo N: 1/2 and 2/2 (CI matrices) or 0/2 and 1/2 (Kubernetes $(JOB_COMPLETION_INDEX)/2) each cover the fleet once.",
    };

    public Option<int> Canary { get; } = new("--canary")
    {
        HelpName = "N",
        Description = "With --targets: deploy the first N targets (of this shard, in file order) first, and the rest only if all of them succeeded; otherwise the rest are reported as skipped and left untouched.",
    };

    public void AddTo(Command command)
    {
        command.Add(Targets);
        command.Add(Parallel);
        command.Add(Shard);
        command.Add(Canary);
    }

    /// <summary>True when the run is a fleet deploy (refuses --parallel, --shard and --canary without --targets).</summary>
    public bool IsFleet(ParseResult parse, Option<string?> connection)
    {
        var fleetOnly = new Option[] { Parallel, Shard, Canary }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
        if (parse.GetValue(Targets) is null)
        {
            return fleetOnly.Count == 0
                ? false
                : throw new DiagnosticException(Problems.InvalidArgument($"{string.Join(", ", fleetOnly)} only apply with --targets FILE"));
        }
        if (parse.GetResult(connection) is { Implicit: false })
            throw new DiagnosticException(Problems.InvalidArgument("--targets and -c/--connection exclude each other: list the connection in the targets file, or pass -c alone"));
        if (parse.GetValue(Parallel) < 1)
            throw new DiagnosticException(Problems.InvalidArgument("--parallel takes a number of targets of 1 or more"));
        if (parse.GetValue(Canary) < 0)
            throw new DiagnosticException(Problems.InvalidArgument("--canary takes a number of targets of 0 or more"));
        return true;
    }

    /// <summary>The shard (parsed before anything is read) and the targets file's plan for it.</summary>
    public (Shard Shard, FleetPlan Plan) Plan(ParseResult parse)
    {
        var shard = parse.GetValue(Shard) is { } text ? Core.Fleets.Shard.Parse(text) : Core.Fleets.Shard.All;
        return (shard, FleetPlan.Create(TargetList.ReadFile(parse.GetValue(Targets)!), shard, parse.GetValue(Canary)));
    }
}
