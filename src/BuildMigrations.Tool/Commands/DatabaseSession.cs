using System.CommandLine;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;
using BuildMigrations.Engines;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Engines.History;
using BuildMigrations.Tool.Output;

namespace BuildMigrations.Tool.Commands;

/// <summary>
/// A verified bundle (when the command has one), an open engine session, and an executor over it. A fleet deploy
/// loads the bundle once (<see cref="LoadBundle"/>) and opens one session per target.
/// </summary>
internal sealed class DatabaseSession : IAsyncDisposable
{
    private DatabaseSession(LoadedBundle? bundle, IMigrationEngine engine, MigrationExecutor executor)
    {
        Bundle = bundle;
        Engine = engine;
        Executor = executor;
    }

    public LoadedBundle? Bundle { get; }

    public IMigrationEngine Engine { get; }

    public MigrationExecutor Executor { get; }

    /// <summary>
    /// Reads and verifies the bundle (refusing it before any connection is made), resolves the connection,
    /// registers its secrets for masking, and opens the engine.
    /// </summary>
    public static Task<DatabaseSession> OpenAsync(
        ParseResult parse, DatabaseOptions options, string? bundlePath, Reporter reporter, bool allowOutOfOrder, CancellationToken cancellationToken, bool verify = false)
    {
        var bundle = bundlePath is null ? null : LoadBundle(parse, options, bundlePath);
        var target = ResolveTarget(parse.GetValue(options.Connection), bundle);
        return OpenAsync(bundle, target, Settings(parse, options, allowOutOfOrder, verify), reporter, cancellationToken);
    }

    /// <summary>Reads the bundle and checks its integrity and signature against the trusted keys.</summary>
    public static LoadedBundle LoadBundle(ParseResult parse, DatabaseOptions options, string bundlePath)
    {
        var trusted = CommonOptions.TrustedKeysFrom(parse, options.TrustedKeys);
        var bundle = BundleReader.ReadFile(bundlePath);
        BundleTrust.Require(bundle, trusted, bundlePath);
        return bundle;
    }

    /// <summary>Resolves a connection and registers its secrets for masking before anything about it is printed.</summary>
    public static ConnectionTarget ResolveTarget(string? connection, LoadedBundle? bundle)
    {
        var target = ConnectionTarget.Resolve(connection, bundle?.Manifest.Engine ?? EngineNames.PostgreSql);
        Secrets.Add(target.Secrets);
        return target;
    }

    /// <summary>The options every session of one command shares; parsed before any database is touched.</summary>
    public static SessionSettings Settings(ParseResult parse, DatabaseOptions options, bool allowOutOfOrder, bool verify = false)
    {
        var lockTimeout = parse.GetResult(options.LockTimeout) is null ? TimeSpan.FromMinutes(5) : Durations.Parse(parse.GetValue(options.LockTimeout)!);
        return new SessionSettings(parse.GetValue(options.HistoryTable)!, new ExecutorOptions(lockTimeout, allowOutOfOrder, Verify: verify));
    }

    /// <summary>Opens the engine on <paramref name="target"/> (refusing one of another engine than the bundle's); progress goes to <paramref name="reporter"/>.</summary>
    public static async Task<DatabaseSession> OpenAsync(
        LoadedBundle? bundle, ConnectionTarget target, SessionSettings settings, Reporter reporter, CancellationToken cancellationToken)
    {
        if (bundle is not null && !EngineNames.AreCompatible(target.Engine, bundle.Manifest.Engine))
            throw new DiagnosticException(DeployProblems.EngineMismatch(bundle.Manifest.Engine, target.Engine ?? "an unknown engine"));
        var engine = KnownEngines.Registry.CreateEngine(target, settings.HistoryTable);
        try
        {
            await engine.OpenAsync(cancellationToken);
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
        // The first argument of the process is the tool itself (its path, or the dll run by dotnet).
        var audit = AuditContext.ForThisProcess(bundle) with { Command = AuditCommand.From(Environment.GetCommandLineArgs()[1..]) };
        var executor = new MigrationExecutor(engine, audit, settings.Executor, new ConsoleObserver(reporter, reporter.Progress));
        return new DatabaseSession(bundle, engine, executor);
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}

/// <summary>The history table and executor options of a command's sessions.</summary>
internal sealed record SessionSettings(string HistoryTable, ExecutorOptions Executor);
