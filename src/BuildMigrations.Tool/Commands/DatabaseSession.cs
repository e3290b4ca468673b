using System.CommandLine;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;
using BuildMigrations.Engines;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Engines.History;
using BuildMigrations.Sources.NuGet;
using BuildMigrations.Tool.Output;

namespace BuildMigrations.Tool.Commands;

/// <summary>A verified bundle (when the command has one), an open engine session, and an executor over it.</summary>
internal sealed class DatabaseSession : IAsyncDisposable
{
    private DatabaseSession(SourcedBundle? source, IMigrationEngine engine, MigrationExecutor executor)
    {
        Source = source;
        Bundle = source?.Bundle;
        Engine = engine;
        Executor = executor;
    }

    public LoadedBundle? Bundle { get; }

    /// <summary>Where the bundle came from (an .mbundle file, a .nupkg, a feed).</summary>
    public SourcedBundle? Source { get; }

    public IMigrationEngine Engine { get; }

    public MigrationExecutor Executor { get; }

    /// <summary>
    /// Reads and verifies the bundle (refusing it before any connection is made), resolves the connection,
    /// registers its secrets for masking, and opens the engine.
    /// </summary>
    public static async Task<DatabaseSession> OpenAsync(
        ParseResult parse, DatabaseOptions options, BundleInput? bundleInput, Reporter reporter, bool allowOutOfOrder, CancellationToken cancellationToken, bool verify = false)
    {
        var source = bundleInput is null ? null : await bundleInput.ReadAsync(parse, CommonOptions.TrustedKeysFrom(parse, options.TrustedKeys), cancellationToken);
        var bundle = source?.Bundle;

        var target = ConnectionTarget.Resolve(parse.GetValue(options.Connection), bundle?.Manifest.Engine ?? EngineNames.PostgreSql);
        Secrets.Add(target.Secrets);
        if (bundle is not null && !EngineNames.AreCompatible(target.Engine, bundle.Manifest.Engine))
            throw new DiagnosticException(DeployProblems.EngineMismatch(bundle.Manifest.Engine, target.Engine ?? "an unknown engine"));

        var lockTimeout = parse.GetResult(options.LockTimeout) is null ? TimeSpan.FromMinutes(5) : Durations.Parse(parse.GetValue(options.LockTimeout)!);
        var engine = KnownEngines.Registry.CreateEngine(target, parse.GetValue(options.HistoryTable)!);
        await engine.OpenAsync(cancellationToken);
        // The first argument of the process is the tool itself (its path, or the dll run by dotnet).
        var audit = AuditContext.ForThisProcess(bundle) with { Command = AuditCommand.From(Environment.GetCommandLineArgs()[1..]) };
        var executor = new MigrationExecutor(engine, audit,
            new ExecutorOptions(lockTimeout, allowOutOfOrder, Verify: verify), new ConsoleObserver(reporter, reporter.Progress));
        return new DatabaseSession(source, engine, executor);
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
