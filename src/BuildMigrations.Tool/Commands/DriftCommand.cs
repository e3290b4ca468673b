using System.CommandLine;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Engines;
using BuildMigrations.Engines.History;
using BuildMigrations.Engines.Schema;
using BuildMigrations.Engines.Verification;

namespace BuildMigrations.Tool.Commands;

/// <summary>
/// <c>drift BUNDLE -c CONN [--dev-database MODE]</c>: the target's live schema against the schema its applied
/// migrations produce, rebuilt on a throwaway database. Reads the target only: no lock, no history table created.
/// </summary>
internal static class DriftCommand
{
    public static Command Create()
    {
        var bundle = new BundleInput("The bundle whose scripts deployed the database (it must contain every applied migration)");
        var devDatabase = DevDatabase.Option();
        var database = new DatabaseOptions();
        var command = new Command("drift",
            "Compare the database's live schema with the schema its applied migrations produce, and name every difference (exit 6). "
            + "The expected schema is built by applying exactly the migrations the database's history records as applied to an empty "
            + "throwaway database (--dev-database), which is dropped afterwards; pending migrations are not drift. Changes nothing in the target.")
        {
            devDatabase,
        };
        bundle.AddTo(command);
        database.AddTo(command, changesDatabase: false, readsBundle: true);
        command.SetBody(async (parse, reporter, cancellationToken) =>
        {
            var historyTable = parse.GetValue(database.HistoryTable)!;
            LoadedBundle loaded;
            IReadOnlyList<BundleMigration> applied;
            SchemaSnapshot actual;
            // The target first, and closed before the dev database starts: nothing is held on it while that takes time.
            await using (var session = await DatabaseSession.OpenAsync(parse, database, bundle, reporter, allowOutOfOrder: false, cancellationToken))
            {
                loaded = session.Bundle!;
                var history = await session.Executor.HistoryAsync(cancellationToken);
                if (history.Count == 0)
                    return reporter.Fail(DeployProblems.NothingDeployed(historyTable));
                var (migrations, problems) = DriftCheck.Basis(MigrationStates.Compute(loaded.Manifest, history));
                if (problems.Count > 0)
                {
                    reporter.Report(problems);
                    return reporter.Finish(ExitCodes.HistoryConflict);
                }
                applied = migrations;
                actual = await SchemaSnapshots.Of(session.Engine).SnapshotAsync(cancellationToken);
            }

            await using var dev = await DevDatabase.OpenAsync(parse.GetValue(devDatabase), loaded.Manifest.Engine, historyTable, cancellationToken);
            reporter.Progress.WriteLine($"building the expected schema from {applied.Count} applied migration{(applied.Count == 1 ? "" : "s")} on {dev.Description}");
            var (expected, failures) = await DriftCheck.ExpectedAsync(dev.Engine, dev.Description, loaded, applied, AuditContext.ForThisProcess(loaded), cancellationToken);
            if (expected is null)
            {
                reporter.Report(failures);
                return reporter.Finish(ExitCodes.MigrationFailed);
            }

            var differences = actual.Compare(expected);
            foreach (var difference in differences)
                reporter.Line(difference.DescribeDrift());
            var count = differences.Count;
            var source = applied.Count == 1 ? "the 1 applied migration produces" : $"the {applied.Count} applied migrations produce";
            reporter.Line(count == 0
                ? $"no drift: the schema is what {source}"
                : $"drift: {count} difference{(count == 1 ? "" : "s")} from what {source}");
            return reporter.Finish(count == 0 ? ExitCodes.Done : ExitCodes.DriftFound, new DriftJson(count > 0, [.. applied.Select(m => m.Name)],
                [.. differences.Select(d => new DriftDifferenceJson(d.Key, Label(d.Change), d.Expected, d.Actual, d.DescribeDrift()))]));
        });
        return command;
    }

    /// <summary>The change as pipelines read it: where the object is found.</summary>
    private static string Label(SchemaChange change) => change switch
    {
        SchemaChange.LeftOver => "onlyInDatabase",
        SchemaChange.Missing => "onlyInMigrations",
        _ => "changed",
    };
}

internal sealed record DriftJson(bool Drift, IReadOnlyList<string> Applied, IReadOnlyList<DriftDifferenceJson> Differences);

internal sealed record DriftDifferenceJson(string Object, string Change, string? Expected, string? Actual, string Description);
