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
};

// Every byte the tool prints goes through these, so a password never reaches a log.
var stdout = new RedactingWriter(Console.Out);
var stderr = new RedactingWriter(Console.Error);
Console.SetOut(stdout);
Console.SetError(stderr);

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
