using BuildMigrations.Core.Bundles;
using BuildMigrations.Engines;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Engines.Schema;
using BuildMigrations.Engines.Verification;
using BuildMigrations.Sandbox;

namespace BuildMigrations.Testing;

/// <summary>
/// The one database the per-migration proofs walk through in version order: before migration k's proof it holds
/// the migrations before k (each after its data script), and a passing proof leaves it holding k. A run therefore
/// applies each migration a fixed number of times, with no database copies and no replays. A filtered run brings
/// the database only as far as its migration needs. A failed proof leaves the database in an unknown state, so the
/// next proof starts over on a new one.
/// </summary>
internal sealed class ProofWalk(IDatabaseSandbox sandbox, LoadedBundle bundle, Func<SandboxDatabase, Task<IMigrationEngine>> open)
{
    private readonly ProofWalkState _state = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SandboxDatabase? _database;
    private IMigrationEngine? _engine;
    private int _applied;
    private readonly List<SchemaSnapshot> _schemas = []; // [k]: the schema with k migrations applied, while known from 0 on
    private string? _unreachable; // why migrations after _unreachableFrom cannot be proven
    private int _unreachableFrom = int.MaxValue;

    /// <summary>Proves migration <paramref name="index"/> on the walked database; the problems found, none when proven.</summary>
    public async Task<IReadOnlyList<string>> ProveAsync(int index, Func<IMigrationEngine, ProofWalkState, Task<IReadOnlyList<string>>> proof)
    {
        await _gate.WaitAsync();
        try
        {
            if (index > _unreachableFrom)
                throw new InvalidOperationException(_unreachable);
            var engine = await AtAsync(index);
            var before = _state.Schema ??= await SchemaSnapshots.Of(engine).SnapshotAsync(CancellationToken.None);
            if (_schemas.Count == index)
                _schemas.Add(before);
            var problems = await proof(engine, _state);
            if (problems.Count == 0)
            {
                _applied = index + 1;
                if (_schemas.Count == _applied)
                    _schemas.Add(_state.Schema!);
            }
            else
                await CloseAsync(); // what a failed up or down left behind is unknown
            return problems;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// When every migration was proven on the walked database, from empty on, hands it (at the latest version) and
    /// the schema it had at each version to <paramref name="walkDown"/>: the whole chain's way up is then the walk
    /// itself. Null when the walk did not get there (a filtered run, a failed proof); the caller walks up itself.
    /// The database is dropped afterwards.
    /// </summary>
    public async Task<IReadOnlyList<string>?> WalkDownAsync(Func<IMigrationEngine, IReadOnlyList<SchemaSnapshot>, Task<IReadOnlyList<string>>> walkDown)
    {
        await _gate.WaitAsync();
        try
        {
            if (_engine is null || _applied != bundle.Manifest.Migrations.Count || _schemas.Count != _applied + 1)
                return null;
            try
            {
                return await walkDown(_engine, _schemas);
            }
            finally
            {
                await CloseAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes and drops the walked database; called before the sandbox goes away.</summary>
    public async Task CloseAsync()
    {
        if (_engine is not null)
            await _engine.DisposeAsync();
        if (_database is not null)
            await sandbox.DropDatabaseAsync(_database.Name, CancellationToken.None);
        (_engine, _database, _applied) = (null, null, 0);
        _state.Schema = null;
        _schemas.Clear();
    }

    private async Task<IMigrationEngine> AtAsync(int index)
    {
        if (_engine is null || _applied > index)
        {
            await CloseAsync();
            _database = await sandbox.CreateDatabaseAsync(null, CancellationToken.None);
            _engine = await open(_database);
            await _engine.EnsureHistoryAsync(CancellationToken.None);
        }
        var executor = new MigrationExecutor(_engine, MigrationSuite.Audit, ExecutorOptions.Default);
        for (; _applied < index; _applied++)
        {
            _state.Schema = null;
            _schemas.Clear(); // applied without a proof: the schemas before it are no longer the chain's
            var migration = bundle.Manifest.Migrations[_applied];
            var failure = await RollbackProof.DataAsync(_engine, bundle, migration, CancellationToken.None)
                ?? Failure(await executor.DeployAsync(bundle, migration.Version, CancellationToken.None));
            if (failure is not null)
            {
                (_unreachableFrom, _unreachable) = (_applied, $"{migration.Name} fails, so the migrations after it cannot be tested: {failure}");
                await CloseAsync();
                throw new InvalidOperationException(_unreachable);
            }
        }
        return _engine;
    }

    private static string? Failure(ExecutionResult result) =>
        result.Outcome == Outcome.Done ? null : string.Join("; ", result.Diagnostics.Where(d => d.IsError).Select(d => d.Message));
}
