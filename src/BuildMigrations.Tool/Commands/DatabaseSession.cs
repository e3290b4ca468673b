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

/// <summary>
/// A verified bundle (when the command has one), an open engine session, and an executor over it. A fleet deploy
/// loads the bundle once (<see cref="LoadBundleAsync"/>) and opens one session per target.
/// </summary>
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
    /// Reads and verifies the bundle while a server's session is opened (<see cref="SessionAhead"/>: nothing
    /// runs on it before the bundle is accepted), resolves the connection, registers its secrets for masking, and opens
    /// the engine or takes the one opened ahead.
    /// </summary>
    public static async Task<DatabaseSession> OpenAsync(
        ParseResult parse, DatabaseOptions options, BundleInput? bundleInput, Reporter reporter, bool allowOutOfOrder, CancellationToken cancellationToken, bool verify = false)
    {
        var connection = parse.GetValue(options.Connection);
        var settings = Settings(parse, options, allowOutOfOrder, verify);
        await using var ahead = bundleInput is null ? null : SessionAhead.Start(connection, settings.HistoryTable, cancellationToken);
        var source = bundleInput is null ? null : await LoadBundleAsync(parse, options, bundleInput, cancellationToken);
        var target = ResolveTarget(connection, source?.Bundle);
        return await OpenAsync(source, target, settings, reporter, cancellationToken, ahead);
    }

    /// <summary>Reads the bundle (file, package or feed) and checks its integrity and signature against the trusted keys.</summary>
    public static Task<SourcedBundle> LoadBundleAsync(ParseResult parse, DatabaseOptions options, BundleInput input, CancellationToken cancellationToken) =>
        input.ReadAsync(parse, CommonOptions.TrustedKeysFrom(parse, options.TrustedKeys), cancellationToken);

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
        return new SessionSettings(parse.GetValue(options.HistoryTable)!, new ExecutorOptions(lockTimeout, allowOutOfOrder, Verify: verify), options.CreatesDatabase);
    }

    /// <summary>
    /// Opens the engine on <paramref name="target"/>, or takes the one opened <paramref name="ahead"/> on the same
    /// connection (refusing one of another engine than the bundle's); progress goes to <paramref name="reporter"/>.
    /// </summary>
    public static async Task<DatabaseSession> OpenAsync(
        SourcedBundle? source, ConnectionTarget target, SessionSettings settings, Reporter reporter, CancellationToken cancellationToken, SessionAhead? ahead = null)
    {
        var bundle = source?.Bundle;
        if (bundle is not null && !EngineNames.AreCompatible(target.Engine, bundle.Manifest.Engine))
            throw new DiagnosticException(DeployProblems.EngineMismatch(bundle.Manifest.Engine, target.Engine ?? "an unknown engine"));
        var engine = ahead is not null
            ? await ahead.TakeAsync()
            : await KnownEngines.Registry.OpenEngineAsync(target, settings.HistoryTable, cancellationToken, settings.CreatesDatabase);
        try
        {
            if (engine.MissingDatabase is { } missing)
                reporter.Report(missing);
            // The first argument of the process is the tool itself (its path, or the dll run by dotnet).
            var audit = AuditContext.ForThisProcess(bundle) with { Command = AuditCommand.From(Environment.GetCommandLineArgs()[1..]) };
            var executor = new MigrationExecutor(engine, audit, settings.Executor, new ConsoleObserver(reporter, reporter.Progress));
            return new DatabaseSession(source, engine, executor);
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}

/// <summary>The history table and executor options of a command's sessions, and whether they may create a missing database.</summary>
internal sealed record SessionSettings(string HistoryTable, ExecutorOptions Executor, bool CreatesDatabase);
