using System.CommandLine;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>status BUNDLE -c CONN</c>: each migration's state in the database.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var bundle = new BundleInput("The bundle to compare the database with");
        var database = new DatabaseOptions();
        var command = new Command("status", "Show each migration: applied, pending, failed, checksum changed, or applied but not in the bundle. Changes nothing.")
        {
        };
        bundle.AddTo(command);
        database.AddTo(command, changesDatabase: false, readsBundle: true);
        command.SetBody(async (parse, reporter, cancellationToken) =>
        {
            await using var session = await DatabaseSession.OpenAsync(parse, database, bundle, reporter, allowOutOfOrder: false, cancellationToken);
            var states = await session.Executor.StatusAsync(session.Bundle!.Manifest, cancellationToken);
            // A running row is a deploy in progress only while another session holds the deploy lock; otherwise its
            // deployer died and it needs repair. Asked without taking the lock: status changes nothing and waits for nothing.
            var deploying = states.Any(IsRunningRow) ? await session.Engine.IsLockHeldElsewhereAsync(cancellationToken) : false;
            string Label(MigrationState state) => StatusCommand.Label(state, deploying);
            var width = states.Select(s => s.Name.Length).DefaultIfEmpty(9).Max();
            reporter.Line($"{"MIGRATION".PadRight(width)}  {"STATUS",-22}  APPLIED AT");
            foreach (var state in states)
            {
                var when = state.IsApplied && state.AppliedRecord is { } applied ? applied.StartedAt.ToString("yyyy-MM-dd HH:mm:ss'Z'") : "";
                reporter.Line($"{state.Name.PadRight(width)}  {Label(state),-22}  {when}");
            }
            var pending = states.Count(s => s.Status == MigrationStatus.Pending);
            var running = deploying == true ? states.Count(IsRunningRow) : 0;
            reporter.Line();
            reporter.Line($"{states.Count(s => s.IsApplied)} applied, {pending} pending, {states.Count(s => s.Status == MigrationStatus.Failed) - running} failed"
                + (running > 0 ? $", {running} running (a deploy is in progress)" : ""));
            return reporter.Finish(ExitCodes.Done, new StatusJson([.. states.Select(s => new MigrationStatusJson(s.Version, s.Description, Label(s), s.AppliedChecksum,
                s.Migration?.Up.Sha256, s.IsApplied ? s.AppliedRecord?.StartedAt : null, s.FailedRecord?.Error))]));
        });
        return command;
    }

    private static bool IsRunningRow(MigrationState state) => state.Status == MigrationStatus.Failed && state.FailedRecord?.Status == HistoryStatus.Running;

    /// <summary>
    /// A migration's status as status prints it; <paramref name="deploying"/>: whether another deployer holds the lock
    /// now (null: the engine cannot tell).
    /// </summary>
    public static string Label(MigrationState state, bool? deploying = null) => state.Status switch
    {
        MigrationStatus.Pending => "pending",
        MigrationStatus.Applied => "applied",
        MigrationStatus.Baselined => "applied (baseline)",
        MigrationStatus.ChecksumChanged => "checksum changed",
        MigrationStatus.Failed when IsRunningRow(state) => deploying switch { true => "running now", false => "interrupted (repair)", null => "running or interrupted" },
        MigrationStatus.Failed => "failed",
        _ => "applied, not in bundle",
    };
}

internal sealed record StatusJson(IReadOnlyList<MigrationStatusJson> Migrations);

internal sealed record MigrationStatusJson(string Version, string Description, string Status, string? AppliedChecksum, string? BundleChecksum, DateTimeOffset? AppliedAt, string? Error);
