using System.CommandLine;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Execution;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>rollback BUNDLE -c CONN (--to V | --steps N | --all)</c>: down scripts, newest first.</summary>
internal static class RollbackCommand
{
    public static Command Create()
    {
        var bundle = new BundleInput("The bundle whose down scripts to run (the one that applied the migrations)");
        var to = new Option<string?>("--to") { HelpName = "VERSION", Description = "Revert every applied migration newer than VERSION; VERSION and the migrations before it stay applied, whatever VERSION is (0 too)." };
        var steps = new Option<int?>("--steps") { HelpName = "N", Description = "Revert the N newest applied migrations." };
        var all = new Option<bool>("--all") { Description = "Revert every applied migration, a version 0 included." };
        var database = new DatabaseOptions();
        var command = new Command("rollback", "Run down scripts, newest first, under the database lock. Refuses irreversible migrations, naming their reason.")
        {
            to, steps, all,
        };
        bundle.AddTo(command);
        database.AddTo(command, changesDatabase: true, readsBundle: true);
        command.SetBody(async (parse, reporter, cancellationToken) =>
        {
            RollbackTarget target = (parse.GetValue(to), parse.GetValue(steps), parse.GetValue(all)) switch
            {
                ({ } version, null, false) => new RollbackTarget.ToVersion(version),
                (null, > 0 and var count, false) => new RollbackTarget.Steps(count),
                (null, null, true) => new RollbackTarget.All(),
                _ => throw new DiagnosticException(Problems.InvalidArgument("pass exactly one of --to VERSION, --steps N (N > 0) or --all")),
            };
            await using var session = await DatabaseSession.OpenAsync(parse, database, bundle, reporter, allowOutOfOrder: false, cancellationToken);
            var result = await session.Executor.RollbackAsync(session.Bundle!, target, cancellationToken);
            var reverted = result.Steps.Count(s => s.Succeeded);
            return ExecutionReport.Finish(reporter, result, $"reverted {reverted} migration{(reverted == 1 ? "" : "s")}");
        });
        return command;
    }
}
