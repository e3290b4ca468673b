using System.CommandLine;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;
using BuildMigrations.Core.Sources;
using BuildMigrations.Tool.Output;

namespace BuildMigrations.Tool.Commands;

/// <summary>Options shared by several commands, and the glue that runs a command body.</summary>
internal static class CommonOptions
{
    public static Option<string> Output() => new("--output")
    {
        Description = "How to report: 'text' for people, 'json' for pipelines.",
        DefaultValueFactory = _ => "text",
    };

    public static Option<string[]> TrustedKeys() => new("--trusted-key")
    {
        HelpName = "PUB.pem",
        Description = "A public key (PEM) whose signature is accepted; repeat for several (or list files in MIGRATE_BUNDLE_TRUSTED_KEYS). With any, unsigned and untrusted bundles are refused (exit 3).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The variable naming trusted public-key files, separated by the platform's path separator.</summary>
    public const string TrustedKeysVariable = "MIGRATE_BUNDLE_TRUSTED_KEYS";

    /// <summary>
    /// The keys given with --trusted-key and in MIGRATE_BUNDLE_TRUSTED_KEYS: when any is set, every command that reads
    /// a bundle refuses unsigned and untrusted ones, so a pipeline can enforce signatures without editing each command.
    /// </summary>
    public static IReadOnlyList<TrustedKey> TrustedKeysFrom(ParseResult parse, Option<string[]>? option)
    {
        var files = option is null ? [] : parse.GetValue(option) ?? [];
        var fromEnvironment = (Environment.GetEnvironmentVariable(TrustedKeysVariable) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. files.Concat(fromEnvironment).Distinct(StringComparer.Ordinal).Select(TrustedKey.FromFile)];
    }

    public static Option<string> Format() => new("--format")
    {
        HelpName = "FORMAT",
        Description = "How migration files are named: updown (default), flyway or dbmate.",
        DefaultValueFactory = _ => "updown",
    };

    public static MigrationFormat ParseFormat(string value)
    {
        var format = MigrationFormats.Parse(value, out var problem);
        return format ?? throw new DiagnosticException(problem!);
    }

    public static string ParseEngine(string value) =>
        EngineNames.Normalize(value) ?? throw new DiagnosticException(Problems.UnknownEngine(value));

    /// <summary>Adds the output option and runs <paramref name="body"/> with a reporter; refusals become exit codes.</summary>
    /// <param name="command">The command.</param>
    /// <param name="body">What it does.</param>
    /// <param name="outputs">The values --output accepts besides text and json (the body reads them from the reporter).</param>
    public static void SetBody(this Command command, Func<ParseResult, Reporter, int> body, params string[] outputs) =>
        command.SetBody((parse, reporter, _) => Task.FromResult(body(parse, reporter)), outputs);

    /// <summary>The asynchronous form, for commands that talk to a database; Ctrl+C cancels the token.</summary>
    public static void SetBody(this Command command, Func<ParseResult, Reporter, CancellationToken, Task<int>> body, params string[] outputs)
    {
        var output = Output();
        output.AcceptOnlyFromAmong(["text", "json", .. outputs]);
        command.Add(output);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var reporter = new Reporter(parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            try
            {
                return await body(parse, reporter, cancellationToken);
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or System.Data.Common.DbException)
            {
                // Ctrl+C or SIGTERM (a Kubernetes Job stopped): said so, not left to look like a failed migration. A
                // database error after it (a session the cancel ended) is the cancel's doing too.
                reporter.Report(Engines.DeployProblems.Cancelled());
                return reporter.Finish(ExitCodes.Cancelled);
            }
            catch (Exception e)
            {
                // A timeout surfacing as a cancellation included: nothing leaves without a message.
                return reporter.Finish(ReportFailure(reporter, e));
            }
        });
    }

    /// <summary>Reports what stopped a command (or one target of a fleet deploy) and returns its exit code.</summary>
    public static int ReportFailure(Reporter reporter, Exception exception)
    {
        switch (exception)
        {
            case DiagnosticException e:
                reporter.Report(e.Diagnostic);
                return ExitCodes.For(e.Diagnostic);
            case System.Data.Common.DbException e:
                // A database error outside any migration script: the connection was lost, or the tool's own statements
                // (history table, lock) failed. The engine whose driver raised it tells which.
                reporter.Report(Engines.KnownEngines.Registry.DescribeError(e));
                return ExitCodes.MigrationFailed;
            default:
                // Never a stack trace, and never exit 1 (which tells a pipeline a migration failed).
                var problem = Problems.Unexpected($"{exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}");
                reporter.Report(problem);
                return ExitCodes.For(problem);
        }
    }
}
