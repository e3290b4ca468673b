using System.CommandLine;
using BuildMigrations.Core.Authoring;
using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>new NAME [--dir D]</c>: the next version's up/down pair.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "What the migration does, e.g. add_orders (letters, digits, '_', '-', '.')." };
        var directory = new Option<string>("--dir") { HelpName = "DIR", Description = "The migrations folder.", DefaultValueFactory = _ => "migrations" };
        var format = CommonOptions.Format();
        var command = new Command("new", "Write the next migration's files, numbered after the highest existing version.")
        {
            name, directory, format,
        };
        command.SetBody((parse, reporter) =>
        {
            var folder = parse.GetValue(directory)!;
            FileWrites.Run(() => Directory.CreateDirectory(folder));
            var existing = Directory.EnumerateFiles(folder).Select(Path.GetFileName).Select(n => n!);
            var files = NextMigration.Files(existing, parse.GetValue(name)!, CommonOptions.ParseFormat(parse.GetValue(format)!), DateTimeOffset.UtcNow);
            var written = new List<string>();
            foreach (var (fileName, content) in files)
            {
                var path = Path.Join(folder, fileName);
                if (File.Exists(path))
                    throw new DiagnosticException(Problems.OutputExists(path));
                FileWrites.Run(() => File.WriteAllText(path, content));
                written.Add(path);
                reporter.Line($"created {path}");
            }
            return reporter.Finish(ExitCodes.Done, new NewJson(written));
        });
        return command;
    }
}

internal sealed record NewJson(IReadOnlyList<string> Files);
