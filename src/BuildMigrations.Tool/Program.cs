using System.CommandLine;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Tool;
using BuildMigrations.Tool.Commands;
using BuildMigrations.Tool.Output;

var root = new RootCommand("dotnet migrate-bundle: build, verify, sign and deploy database migration bundles.")
{
    BuildCommand.Create(),
    InspectCommand.Create(),
    VerifyCommand.Create(),
    KeygenCommand.Create(),
    SignCommand.Create(),
    NewCommand.Create(),
    PlanCommand.Create(),
    DeployCommand.Create(),
    StatusCommand.Create(),
    RollbackCommand.Create(),
    HistoryCommand.Create(),
    RepairCommand.Create(),
    BaselineCommand.Create(),
    LintCommand.Create(),
    DriftCommand.Create(),
};

foreach (var command in root.Subcommands)
    command.Description += ExitCodes.HelpFor(command.Name);

var stdout = Console.Out;
var stderr = Console.Error;

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // System.CommandLine exits 1 on usage errors; 1 means "a migration failed" here, so report them as 2.
    foreach (var error in parse.Errors)
        stderr.WriteLine(Problems.InvalidArgument(error.Message).ToString());
    stderr.WriteLine("Run 'dotnet migrate-bundle --help' (or 'dotnet migrate-bundle COMMAND --help') for usage.");
    stderr.Flush();
    return ExitCodes.BadInput;
}
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
}
finally
{
    stdout.Flush();
    stderr.Flush();
}
