using System.Collections.Concurrent;
using System.Reflection;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Lint;
using BuildMigrations.Engines;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Engines.History;
using BuildMigrations.Engines.Schema;
using BuildMigrations.Engines.Verification;
using BuildMigrations.Sandbox;
using Xunit;
using Xunit.Sdk;

namespace BuildMigrations.Testing;

/// <summary>
/// The tests of one migrations project: its bundle (built beside the test assembly), a throwaway database per
/// test, and the proofs. Used by the generated MigrationTests class; one instance per test assembly.
/// </summary>
public sealed class MigrationSuite
{
    private static readonly ConcurrentDictionary<Assembly, MigrationSuite> Suites = new();

    internal static readonly AuditContext Audit = new("tests", "0", null, null, Environment.UserName, Environment.MachineName, null, BundleBuilder.ToolName);

    // Per sandbox: a sandbox disposed when its last lease ended is replaced by a new one with new templates and walk.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDatabaseSandbox, VersionTemplates> _templates = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDatabaseSandbox, ProofWalk> _walks = new();

    private readonly ImpactFile _impact;

    private MigrationSuite(Assembly assembly)
    {
        var attribute = assembly.GetCustomAttribute<MigrationsBundleAttribute>()
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no [MigrationsBundle]: is it a BuildMigrations.Sdk project?");
        var path = Path.Combine(Path.GetDirectoryName(assembly.Location)!, attribute.FileName);
        Bundle = BundleReader.ReadFile(path);
        _impact = ImpactFile.Beside(path, Bundle);
        var defaults = assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith("MIGRATIONS_TEST_", StringComparison.Ordinal) && a.Value is not null)
            .ToDictionary(a => a.Key, a => a.Value!);
        Settings = SandboxSettings.FromEnvironment(defaults);
    }

    /// <summary>The suite of the test assembly <paramref name="assembly"/>.</summary>
    public static MigrationSuite For(Assembly assembly) => Suites.GetOrAdd(assembly, a => new MigrationSuite(a));

    /// <summary>The project's bundle.</summary>
    public LoadedBundle Bundle { get; }

    internal SandboxSettings Settings { get; }

    /// <summary>One theory case per migration, named <c>version_description</c>.</summary>
    public TheoryData<string> MigrationNames()
    {
        var names = new TheoryData<string>();
        foreach (var migration in Bundle.Manifest.Migrations)
            names.Add(migration.Name);
        return names;
    }

    /// <summary>
    /// Up, snapshot, down (schema back exactly), up again, verify — for one migration, on the database the proofs
    /// walk in version order (it holds every migration before this one). Where the engine can measure (PostgreSQL),
    /// the locks and rewrites of the up and down are written to the test's output (<paramref name="output"/>, else the
    /// running test's) and to the impact file.
    /// </summary>
    public async Task ProveAsync(string migrationName, ITestOutputHelper? output = null)
    {
        output ??= TestContext.Current.TestOutputHelper;
        var index = Bundle.Manifest.Migrations.ToList().FindIndex(m => m.Name == migrationName);
        Assert.True(index >= 0, $"{migrationName} is not in {Bundle.Manifest.Name}");
        var migration = Bundle.Manifest.Migrations[index];
        var (_, walk) = await SandboxAsync();
        var problems = await walk.ProveAsync(index, (engine, state) => RollbackProof.RunAsync(engine, Bundle, migration, Audit, CancellationToken.None, state,
            measured => Report(measured, output)));
        if (problems.Count > 0)
            throw new XunitException($"{migration.Name}: {string.Join("\n  ", problems)}");
    }

    private void Report(MeasuredMigration measured, ITestOutputHelper? output)
    {
        _impact.Add(measured);
        var name = Bundle.Manifest.Migrations.First(m => m.Version == measured.Version).Name;
        output?.WriteLine($"{name} up: {measured.Up!.Describe()}");
        if (measured.Down is not null)
            output?.WriteLine($"{name} down: {measured.Down.Describe()}");
    }

    /// <summary>
    /// The whole chain: every migration from empty to latest one by one, then every down back to the start (or
    /// to the newest irreversible migration), each step matching the schema it had on the way up. After a full run
    /// of the per-migration proofs, their walk was the way up: the chain continues on that database, downwards.
    /// </summary>
    public async Task ProveChainAsync()
    {
        var (_, walk) = await SandboxAsync();
        var problems = await walk.WalkDownAsync((engine, states) => WalkDownAsync(engine, new MigrationExecutor(engine, Audit, ExecutorOptions.Default), states))
            ?? await WithDatabaseAsync(0, async engine =>
            {
                var snapshots = SchemaSnapshots.Of(engine);
                var executor = new MigrationExecutor(engine, Audit, ExecutorOptions.Default);
                var states = new List<SchemaSnapshot> { await snapshots.SnapshotAsync(CancellationToken.None) };
                foreach (var migration in Bundle.Manifest.Migrations)
                {
                    if (await RollbackProof.DataAsync(engine, Bundle, migration, CancellationToken.None) is { } dataFailure)
                        return (IReadOnlyList<string>)[$"{migration.Name}: {dataFailure}"];
                    var up = await executor.DeployAsync(Bundle, migration.Version, CancellationToken.None);
                    if (up.Outcome != Outcome.Done)
                        return (IReadOnlyList<string>)[$"{migration.Name} failed on the way up: {Describe(up)}"];
                    states.Add(await snapshots.SnapshotAsync(CancellationToken.None));
                }
                return await WalkDownAsync(engine, executor, states);
            });
        if (problems.Count > 0)
            throw new XunitException(string.Join("\n", problems));
    }

    /// <summary>Every down from the latest version back to the start (or the newest irreversible migration), each compared with <paramref name="states"/>[k].</summary>
    private async Task<IReadOnlyList<string>> WalkDownAsync(IMigrationEngine engine, MigrationExecutor executor, IReadOnlyList<SchemaSnapshot> states)
    {
        for (var i = Bundle.Manifest.Migrations.Count - 1; i >= 0 && Bundle.Manifest.Migrations[i].Irreversible is null; i--)
        {
            var migration = Bundle.Manifest.Migrations[i];
            var down = await executor.RollbackAsync(Bundle, new RollbackTarget.Steps(1), CancellationToken.None);
            if (down.Outcome != Outcome.Done)
                return [$"{migration.Name} failed on the way down: {Describe(down)}"];
            var differences = (await SchemaSnapshots.Of(engine).SnapshotAsync(CancellationToken.None)).Compare(states[i]);
            if (differences.Count > 0)
                return differences.Select(d => $"{migration.Name}: {d.Describe("after its down in the chain")}").ToList();
        }
        return [];
    }

    /// <summary>Deploying the whole bundle twice: the second deploy applies nothing and changes nothing.</summary>
    public async Task ProveDeployTwiceIsNoOpAsync()
    {
        var problems = await WithDatabaseAsync(0, async engine =>
        {
            var snapshots = SchemaSnapshots.Of(engine);
            var executor = new MigrationExecutor(engine, Audit, ExecutorOptions.Default);
            var first = await executor.DeployAsync(Bundle, null, CancellationToken.None);
            if (first.Outcome != Outcome.Done)
                return (IReadOnlyList<string>)[$"the first deploy failed: {Describe(first)}"];
            var after = await snapshots.SnapshotAsync(CancellationToken.None);
            var second = await executor.DeployAsync(Bundle, null, CancellationToken.None);
            if (second.Outcome != Outcome.Done || second.Steps.Count > 0)
                return [$"the second deploy was not a no-op: {second.Steps.Count} step(s), {Describe(second)}"];
            return (await snapshots.SnapshotAsync(CancellationToken.None)).Compare(after).Select(d => d.Describe("after deploying twice")).ToList();
        });
        if (problems.Count > 0)
            throw new XunitException(string.Join("\n", problems));
    }

    /// <summary>A new database with the first <paramref name="applied"/> migrations applied: a copy of a template where the engine can copy.</summary>
    internal async Task<SandboxDatabase> CopyAtAsync(int applied)
    {
        var sandbox = await SharedSandboxAsync();
        if (!sandbox.CanCopy)
            return await BuildAtAsync(sandbox, applied);
        var template = await _templates.GetValue(sandbox, s => new VersionTemplates(count => BuildAtAsync(s, count))).AtAsync(applied);
        return await sandbox.CreateDatabaseAsync(template.Name, CancellationToken.None);
    }

    /// <summary>An empty database brought to the first <paramref name="applied"/> migrations by one deploy.</summary>
    private async Task<SandboxDatabase> BuildAtAsync(IDatabaseSandbox sandbox, int applied)
    {
        var database = await sandbox.CreateDatabaseAsync(null, CancellationToken.None);
        await using var engine = await OpenAsync(database);
        await engine.EnsureHistoryAsync(CancellationToken.None);
        if (applied > 0)
        {
            var migration = Bundle.Manifest.Migrations[applied - 1];
            var result = await new MigrationExecutor(engine, Audit, ExecutorOptions.Default).DeployAsync(Bundle, migration.Version, CancellationToken.None);
            if (result.Outcome != Outcome.Done)
                throw new InvalidOperationException($"the migrations up to {migration.Name} fail, so this database cannot be made: {Describe(result)}");
        }
        return database;
    }

    /// <summary>
    /// The run's sandbox. When no throwaway database can be had, the test fails saying how to get one, or, with
    /// MIGRATIONS_TEST_SKIP_WHEN_UNAVAILABLE=true, is skipped with that message (silent skips would hide a CI
    /// that lost its databases, so skipping is asked for).
    /// </summary>
    private async Task<IDatabaseSandbox> SharedSandboxAsync()
    {
        try
        {
            return await SharedSandbox.GetAsync(Bundle.Manifest.Engine, Settings);
        }
        catch (SandboxUnavailableException e) when (Settings.SkipWhenUnavailable)
        {
            Assert.Skip($"no throwaway {Bundle.Manifest.Engine} database (MIGRATIONS_TEST_SKIP_WHEN_UNAVAILABLE=true): {e.Message}");
            throw;
        }
    }

    private async Task<(IDatabaseSandbox Sandbox, ProofWalk Walk)> SandboxAsync()
    {
        var sandbox = await SharedSandboxAsync();
        return (sandbox, _walks.GetValue(sandbox, s =>
        {
            var walk = new ProofWalk(s, Bundle, OpenAsync);
            SharedSandbox.BeforeDisposing(walk.CloseAsync); // its open session would keep the database from being dropped
            return walk;
        }));
    }

    internal async Task DropAsync(SandboxDatabase database) => await (await SandboxAsync()).Sandbox.DropDatabaseAsync(database.Name, CancellationToken.None);

    private async Task<T> WithDatabaseAsync<T>(int applied, Func<IMigrationEngine, Task<T>> work)
    {
        var database = await CopyAtAsync(applied);
        try
        {
            await using var engine = await OpenAsync(database);
            return await work(engine);
        }
        finally
        {
            await DropAsync(database);
        }
    }

    internal Task<IMigrationEngine> OpenAsync(SandboxDatabase database) =>
        KnownEngines.Registry.OpenEngineAsync(
            ConnectionTarget.Resolve(WithoutPooling(database.Url), Bundle.Manifest.Engine), HistoryTableName.DefaultTable, CancellationToken.None);

    // A pooled connection would keep a template database busy, and copying a busy template fails.
    internal static string WithoutPooling(string url) => url + (url.Contains('?') ? "&" : "?") + "pooling=false";

    private static string Describe(ExecutionResult result) => string.Join("; ", result.Diagnostics.Where(d => d.IsError).Select(d => d.Message));
}
