using System.CommandLine;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Integrity;
using BuildMigrations.Core.Sources;

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
            var folder = parse.GetValue(directory)!;
            var identity = new BundleIdentity(parse.GetValue(name)!, parse.GetValue(version)!,
                CommonOptions.ParseEngine(parse.GetValue(engine)!), parse.GetValue(revision));
            var result = MigrationFolder.Read(folder, new MigrationFolderOptions(CommonOptions.ParseFormat(parse.GetValue(format)!)));
            reporter.Report(result.Diagnostics);
            var sumFile = Path.Join(folder, SumFile.FileName);
            if (result.Succeeded && File.Exists(sumFile))
            {
                // Outside MSBuild there is no "local" mode: the tool never writes into the source folder.
                var sum = SumCheck.Run(sumFile, File.ReadAllText(sumFile), result.Migrations, strict: true);
                reporter.Report(sum.Diagnostics);
                if (sum.Diagnostics.HasErrors())
                    return reporter.Finish(ExitCodes.BadInput);
            }
            if (!result.Succeeded)
                return reporter.Finish(ExitCodes.BadInput);

            var content = BundleBuilder.Build(result.Migrations, identity);
            string? signer = null;
            if (parse.GetValue(sign) is { } keyFile)
            {
                using var key = SigningKey.FromFile(keyFile);
                content = BundleSigner.Sign(content, key);
                signer = key.KeyId;
            }
            var path = Path.GetFullPath(parse.GetValue(output) ?? $"{identity.Name}.{identity.Version}.mbundle");
            BundleWriter.WriteFile(content, path);
            var count = result.Migrations.Migrations.Count;
            reporter.Line($"{identity.Name} -> {path}");
            reporter.Line($"  {count} migration{(count == 1 ? "" : "s")}, {(signer is null ? "unsigned" : $"signed by key {signer}")}");
            return reporter.Finish(ExitCodes.Done, new { Bundle = path, Migrations = count, Signer = signer });
        });
        return command;
    }
}
