using System.CommandLine;
using BuildMigrations.Tool.Output;

namespace BuildMigrations.Tool.Commands;

/// <summary>
/// <c>deploy BUNDLE -c CONN [--to V] [--trusted-key PUB]... [--lock-timeout T]</c>, or to a fleet:
/// <c>deploy BUNDLE --targets FILE [--parallel N] [--shard I/N] [--canary N]</c>.
/// </summary>
internal static class DeployCommand
{
    public static Command Create()
    {
        var bundle = new BundleInput("The bundle to deploy");
        var to = new Option<string?>("--to") { HelpName = "VERSION", Description = "Apply pending migrations up to and including this version only." };
        var outOfOrder = new Option<bool>("--allow-out-of-order") { Description = "Apply pending migrations older than the newest applied one instead of refusing." };
        var verify = new Option<bool>("--verify")
        {
            Description = "Run each migration's verify script right after its up: on PostgreSQL and SQLite in the same transaction, so a failing verify undoes that migration; on MySQL/MariaDB the migration is recorded as failed.",
        };
        var database = new DatabaseOptions { CreatesDatabase = true };
        var fleet = new FleetOptions();
        var command = new Command("deploy", "Apply the bundle's pending migrations, each once, under a database lock, recording each in the history table.")
        {
            to, outOfOrder, verify,
        };
        bundle.AddTo(command);
        database.AddTo(command, changesDatabase: true, readsBundle: true);
        fleet.AddTo(command);
        command.SetBody(async (parse, reporter, cancellationToken) =>
        {
            if (fleet.IsFleet(parse, database.Connection))
            {
                // Arguments and the targets file first, then the bundle, once: all refused before any target is touched.
                var (shard, plan) = fleet.Plan(parse);
                var loaded = await DatabaseSession.LoadBundleAsync(parse, database, bundle, cancellationToken);
                var settings = DatabaseSession.Settings(parse, database, parse.GetValue(outOfOrder), parse.GetValue(verify));
                return await new FleetDeploy(loaded, settings, parse.GetValue(to), reporter)
                    .RunAsync(plan, shard, parse.GetValue(fleet.Parallel), cancellationToken);
            }
            await using var session = await DatabaseSession.OpenAsync(parse, database, bundle, reporter, parse.GetValue(outOfOrder), cancellationToken, parse.GetValue(verify));
            var m = session.Bundle!.Manifest;
            reporter.Line($"deploying {m.Name} {m.Version} ({m.Migrations.Count} migrations)");
            var result = await session.Executor.DeployAsync(session.Bundle, parse.GetValue(to), cancellationToken);
            var applied = result.Steps.Count(s => s.Succeeded);
            var summary = applied == 0
                ? "nothing to apply: the database is up to date"
                : $"applied {applied} migration{(applied == 1 ? "" : "s")} in {Durations.Format(TimeSpan.FromTicks(result.Steps.Sum(s => s.Duration.Ticks)))}";
            return ExecutionReport.Finish(reporter, result, summary);
        });
        return command;
    }
}
