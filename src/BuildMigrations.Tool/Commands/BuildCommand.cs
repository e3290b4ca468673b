using System.CommandLine;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Sources;
using BuildMigrations.Sources.NuGet;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>build DIR --engine E --name N --version V [--out F] [--sign KEY]</c>: a bundle without MSBuild.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "The migrations folder." };
        var engine = new Option<string>("--engine") { HelpName = "ENGINE", Description = "postgresql, mysql, mariadb or sqlite.", Required = true };
        var name = new Option<string>("--name") { HelpName = "NAME", Description = "The bundle's name (usually the project's).", Required = true };
        var version = new Option<string>("--version") { HelpName = "VERSION", Description = "The bundle's version, e.g. 1.4.0.", Required = true };
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Where to write the bundle. Default: ./NAME.VERSION.mbundle." };
        var sign = new Option<string?>("--sign") { HelpName = "KEY.pem", Description = "A private key (PEM) to sign the bundle with." };
        var format = CommonOptions.Format();
        var revision = new Option<string?>("--source-revision") { HelpName = "REVISION", Description = "The source revision (e.g. a git commit) to record in the bundle." };

        var command = new Command("build", "Validate a migrations folder and write a reproducible bundle; also checks migrations.sum when present.")
        {
            directory, engine, name, version, output, sign, format, revision,
        };
        command.SetBody((parse, reporter) =>
        {
            CheckIdentity(parse.GetValue(name)!, parse.GetValue(version)!);
            var identity = new BundleIdentity(parse.GetValue(name)!, parse.GetValue(version)!,
                CommonOptions.ParseEngine(parse.GetValue(engine)!), parse.GetValue(revision));
            using var key = parse.GetValue(sign) is { } keyFile ? SigningKey.FromFile(keyFile) : null;
            var result = BundleCompiler.Compile(new BundleCompilation(
                parse.GetValue(directory)!,
                new MigrationFolderOptions(CommonOptions.ParseFormat(parse.GetValue(format)!)),
                identity,
                parse.GetValue(output) ?? $"{identity.Name}.{identity.Version}.mbundle",
                SumPolicy.EnforceIfPresent, // the tool never writes into the source folder
                key));
            reporter.Report(result.Diagnostics);
            if (!result.Succeeded)
                return reporter.Finish(ExitCodes.BadInput);
            reporter.Line($"{identity.Name} -> {result.Bundle}");
            reporter.Line($"  {result.Migrations} migration{(result.Migrations == 1 ? "" : "s")}, {(key is null ? "unsigned" : $"signed by key {key.KeyId}")}");
            return reporter.Finish(ExitCodes.Done, new BuildJson(result.Bundle!, result.Migrations, key?.KeyId));
        });
        return command;
    }

    // The default output is NAME.VERSION.mbundle in the current folder: neither may lead it elsewhere, and the version is
    // what deploys and the history record, so both must read as a package's (as NuGet and MSBuild's $(Version) take them).
    private static void CheckIdentity(string name, string version)
    {
        if (!PackageNaming.IsId(name))
            throw new DiagnosticException(Problems.InvalidArgument($"--name '{name}' is not a bundle name; use letters, digits, '_', '-' and '.' (a project's name, e.g. Shop.Database)"));
        if (PackageNaming.Version(version) is null)
            throw new DiagnosticException(Problems.InvalidArgument($"--version '{version}' is not a version; write it as 1.4.0, 1.4.0-beta.1 or 2.0.0.12"));
    }
}

internal sealed record BuildJson(string Bundle, int Migrations, string? Signer);
