using System.CommandLine;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>repair BUNDLE -c CONN [--accept-checksums]</c>.</summary>
internal static class RepairCommand
{
    public static Command Create()
    {
        var bundle = new BundleInput("The bundle whose migrations the database should match");
        var accept = new Option<bool>("--accept-checksums") { Description = "Also record the bundle's checksums for applied migrations whose scripts changed." };
        var database = new DatabaseOptions();
        var command = new Command("repair", "After fixing the database by hand: clear failed migrations' records so deploy retries them. Changes no schema.")
        {
            accept,
        };
        bundle.AddTo(command);
        database.AddTo(command, changesDatabase: true, readsBundle: true);
        command.SetBody(async (parse, reporter, cancellationToken) =>
        {
            await using var session = await DatabaseSession.OpenAsync(parse, database, bundle, reporter, allowOutOfOrder: false, cancellationToken);
            var result = await session.Executor.RepairAsync(session.Bundle!, parse.GetValue(accept), cancellationToken);
            foreach (var step in result.Steps)
                reporter.Line($"repaired {step.Migration}");
            return ExecutionReport.Finish(reporter, result, result.Steps.Count == 0 ? "nothing to repair" : $"repaired {result.Steps.Count} migration(s)");
        });
        return command;
    }
}
