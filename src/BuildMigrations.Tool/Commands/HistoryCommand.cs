using System.CommandLine;
using BuildMigrations.Engines.History;
using BuildMigrations.Tool.Output;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>history -c CONN</c>: the audit trail.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var database = new DatabaseOptions();
        var command = new Command("history", "Show the audit trail: every up, down, baseline and repair, who ran it, from which bundle, and how it ended.");
        database.AddTo(command, changesDatabase: false, readsBundle: false);
        command.SetBody(async (parse, reporter, cancellationToken) =>
        {
            await using var session = await DatabaseSession.OpenAsync(parse, database, bundleInput: null, reporter, allowOutOfOrder: false, cancellationToken);
            var rows = await session.Executor.HistoryAsync(cancellationToken);
            foreach (var r in rows)
            {
                var duration = r.FinishedAt is null ? "" : Durations.Format(r.FinishedAt.Value - r.StartedAt);
                reporter.Line($"#{r.Id} {r.StartedAt:yyyy-MM-dd HH:mm:ss}Z  {r.Version}_{r.Description}  {r.Direction.ToString().ToLowerInvariant()} {r.Status.ToString().ToLowerInvariant()} {duration}"
                    + $"  by {r.DatabaseUser}/{r.OsUser}@{r.Host}{(r.BundleName is null ? "" : $" from {r.BundleName} {r.BundleVersion}")}{(r.CiRunId is null ? "" : $" (CI run {r.CiRunId})")}");
                if (r.Command is not null)
                    reporter.Line($"    command: {r.Command}");
                if (r.Error is not null)
                    reporter.Line($"    error at line {r.FailedLine}: {r.Error}");
            }
            if (rows.Count == 0)
                reporter.Line($"no history in {parse.GetValue(database.HistoryTable)}: nothing was deployed to this database (check -c and --history-table if something was)");
            return reporter.Finish(ExitCodes.Done, new HistoryJson(rows));
        });
        return command;
    }
}

internal sealed record HistoryJson(IReadOnlyList<HistoryRecord> History);
