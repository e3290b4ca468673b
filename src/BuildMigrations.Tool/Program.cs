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
    // After Ctrl+C or SIGTERM the command gets this long to roll back the migration in progress and say so (BM5035,
    // exit 130) before System.CommandLine ends the process silently: a cancel that reaches a server across a network
    // can take seconds, and Kubernetes allows a stopped pod 30 s before it kills it.
    return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = TimeSpan.FromSeconds(25) });
}
finally
{
    stdout.Flush();
    stderr.Flush();
}
