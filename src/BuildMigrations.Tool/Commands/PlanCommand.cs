using System.CommandLine;
using BuildMigrations.Core.Lint;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>plan BUNDLE -c CONN [--to V]</c>: what deploy would do, with each script's SQL.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var bundle = new BundleInput("The bundle to plan");
        var to = new Option<string?>("--to") { HelpName = "VERSION", Description = "Plan up to and including this version only." };
        var outOfOrder = new Option<bool>("--allow-out-of-order") { Description = "Plan pending migrations older than the newest applied one." };
        var database = new DatabaseOptions();
        var command = new Command("plan", "Show what deploy would do: each script's SQL, and per statement what it touches, the lock it takes and the size of each table. Changes nothing; exit 5 when deploy would refuse.")
        {
            to, outOfOrder,
        };
        bundle.AddTo(command);
        database.AddTo(command, changesDatabase: false, readsBundle: true);
        command.SetBody(async (parse, reporter, cancellationToken) =>
        {
            await using var session = await DatabaseSession.OpenAsync(parse, database, bundle, reporter, parse.GetValue(outOfOrder), cancellationToken);
            var plan = await session.Executor.PlanAsync(session.Bundle!, parse.GetValue(to), cancellationToken);
            reporter.Report(plan.Diagnostics);
            var impact = new PlanImpact(session.Engine);
            var measured = PlanImpact.LoadMeasured(session.Source!, reporter);
            var impacts = new Dictionary<string, IReadOnlyList<PlannedStatement>>();
            foreach (var migration in plan.ToApply)
            {
                var sql = session.Bundle!.ScriptText(migration.Up);
                impacts[migration.Name] = await impact.AnalyzeAsync(sql, cancellationToken);
                var transactional = migration.Transactional && session.Engine.TransactionalDdl;
                reporter.Line($"-- {migration.Name} (up, {(transactional ? "in one transaction with its history row" : migration.Transactional ? $"statement by statement: {session.Engine.Name} commits DDL implicitly" : "no transaction: statement by statement")})");
                reporter.Line(sql.TrimEnd());
                reporter.Line("-- impact:");
                foreach (var statement in impacts[migration.Name])
                    reporter.Line($"--   line {statement.Line}: {statement.Statement}\n--     {PlanImpact.Describe(statement)}");
                if (measured?.Up(migration.Version) is { } seen)
                    reporter.Line($"--   measured by dotnet test: {seen.Describe()}");
                reporter.Line();
            }
            if (plan.CanProceed)
                reporter.Line(plan.ToApply.Count == 0 ? "nothing to apply: the database is up to date" : $"{plan.ToApply.Count} migration(s) would be applied");
            return reporter.Finish(ExitCodes.For(plan.Blocked), new PlanJson(plan.Blocked.ToString(), [.. plan.ToApply.Select(m =>
                new PlannedMigrationJson(m.Version, m.Description, m.Transactional && session.Engine.TransactionalDdl, session.Bundle!.ScriptText(m.Up), impacts[m.Name], measured?.Up(m.Version)))]));
        });
        return command;
    }
}

internal sealed record PlanJson(string Outcome, IReadOnlyList<PlannedMigrationJson> Migrations);

internal sealed record PlannedMigrationJson(string Version, string Description, bool Transactional, string Sql, IReadOnlyList<PlannedStatement> Impact, MeasuredScript? Measured);
