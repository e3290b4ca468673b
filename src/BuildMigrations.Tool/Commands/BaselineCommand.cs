using System.CommandLine;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>baseline -c CONN --version V</c>: marks an existing database as being at V.</summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var version = new Option<string>("--version") { HelpName = "VERSION", Description = "The version the database's schema already matches.", Required = true };
        var description = new Option<string>("--description") { Description = "Recorded with the baseline.", DefaultValueFactory = _ => "baseline" };
        var database = new DatabaseOptions { CreatesDatabase = true };
        var command = new Command("baseline", "Mark a database that has no history as being at VERSION: later deploys skip migrations up to it.")
        {
            version, description,
        };
        database.AddTo(command, changesDatabase: true, readsBundle: false);
        command.SetBody(async (parse, reporter, cancellationToken) =>
        {
            await using var session = await DatabaseSession.OpenAsync(parse, database, bundleInput: null, reporter, allowOutOfOrder: false, cancellationToken);
            var result = await session.Executor.BaselineAsync(parse.GetValue(version)!, parse.GetValue(description)!, cancellationToken);
            return ExecutionReport.Finish(reporter, result, $"baselined at {parse.GetValue(version)}");
        });
        return command;
    }
}
