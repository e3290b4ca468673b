using System.CommandLine;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Configuration;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Sarif;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Tool.Commands;

/// <summary>
/// <c>lint DIR --engine E [--output text|json|sarif]</c>: the build's checks and lint rules without MSBuild, with the
/// same severities (.editorconfig above DIR, --warnaserror, --nowarn). Exit 0 without errors, 2 with.
/// </summary>
internal static class LintCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "The migrations folder." };
        var engine = new Option<string>("--engine") { HelpName = "ENGINE", Description = "postgresql, mysql, mariadb or sqlite.", Required = true };
        var format = CommonOptions.Format();
        var noWarn = new Option<string?>("--nowarn") { HelpName = "CODES", Description = "Warning codes to silence, e.g. BM6013;BM6016 (like <NoWarn>)." };
        var asErrors = new Option<string?>("--warnaserror") { HelpName = "CODES", Description = "Warning codes that count as errors (like <WarningsAsErrors>)." };
        var command = new Command("lint", "Check a migrations folder as the build does, with the lint rules for risky SQL (BM6xxx). Writes nothing.")
        {
            directory, engine, format, noWarn, asErrors,
        };
        command.SetBody((parse, reporter) =>
        {
            var folder = parse.GetValue(directory)!;
            var diagnostics = BundleCompiler.Check(
                folder,
                new MigrationFolderOptions(CommonOptions.ParseFormat(parse.GetValue(format)!), SeverityPolicy.ParseList(parse.GetValue(noWarn))),
                CommonOptions.ParseEngine(parse.GetValue(engine)!),
                SeverityPolicy.ParseList(parse.GetValue(asErrors)));
            var exitCode = diagnostics.HasErrors() ? ExitCodes.BadInput : ExitCodes.Done;
            reporter.Report(diagnostics);
            if (reporter.Format == "sarif")
            {
                // Paths relative to the folder's parent: the project, as the build's MigrationsSarifLog has them.
                var project = Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
                reporter.Document(SarifLog.Write(diagnostics, project, typeof(LintCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"));
                return exitCode;
            }
            reporter.Line($"{Count(diagnostics, DiagnosticSeverity.Error, "error")}, {Count(diagnostics, DiagnosticSeverity.Warning, "warning")}");
            return reporter.Finish(exitCode, new LintJson(diagnostics.Count(d => d.IsError), diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning)));
        }, "sarif");
        return command;
    }

    private static string Count(IEnumerable<Diagnostic> diagnostics, DiagnosticSeverity severity, string noun)
    {
        var count = diagnostics.Count(d => d.Severity == severity);
        return $"{count} {noun}{(count == 1 ? "" : "s")}";
    }
}

internal sealed record LintJson(int Errors, int Warnings);
