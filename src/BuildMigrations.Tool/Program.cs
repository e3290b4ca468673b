using System.CommandLine;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Tool;
using BuildMigrations.Tool.Commands;

var root = new RootCommand("dotnet migrate-bundle: build, verify, sign and deploy database migration bundles.")
{
    BuildCommand.Create(),
    InspectCommand.Create(),
    VerifyCommand.Create(),
    KeygenCommand.Create(),
    SignCommand.Create(),
    NewCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // System.CommandLine exits 1 on usage errors; 1 means "a migration failed" here, so report them as 2.
    foreach (var error in parse.Errors)
        Console.Error.WriteLine(Problems.InvalidArgument(error.Message).ToString());
    Console.Error.WriteLine("Run 'dotnet migrate-bundle --help' (or 'dotnet migrate-bundle COMMAND --help') for usage.");
    return ExitCodes.BadInput;
}
return await parse.InvokeAsync();
