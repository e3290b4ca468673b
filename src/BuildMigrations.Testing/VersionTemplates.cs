using BuildMigrations.Core.Bundles;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Sandbox;

namespace BuildMigrations.Testing;

/// <summary>
/// Databases at each version, built once and copied for each MigrationDatabase (and the whole-bundle tests): template
/// k has the first k migrations applied, built from template k-1 by applying one migration. An up that fails is
/// reported to every later request.
/// </summary>
internal sealed class VersionTemplates(IDatabaseSandbox sandbox, LoadedBundle bundle, Func<SandboxDatabase, Task<Engines.IMigrationEngine>> open)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _built = [];
    private Exception? _broken;

    /// <summary>The name of a template database with the first <paramref name="count"/> migrations applied.</summary>
    public async Task<string> AtAsync(int count)
    {
        await _gate.WaitAsync();
        try
        {
            while (_built.Count <= count)
            {
                if (_broken is not null && _built.Count > 0)
                    throw new InvalidOperationException(_broken.Message, _broken);
                await BuildNextAsync();
            }
            return _built[count];
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task BuildNextAsync()
    {
        var database = await sandbox.CreateDatabaseAsync(_built.Count == 0 ? null : _built[^1], CancellationToken.None);
        await using (var engine = await open(database))
        {
            await engine.EnsureHistoryAsync(CancellationToken.None);
            if (_built.Count > 0)
            {
                var migration = bundle.Manifest.Migrations[_built.Count - 1];
                var result = await new MigrationExecutor(engine, MigrationSuite.Audit, ExecutorOptions.Default).DeployAsync(bundle, migration.Version, CancellationToken.None);
                if (result.Outcome != Outcome.Done)
                {
                    _broken = new InvalidOperationException(
                        $"{migration.Name}'s up script fails, so later migrations cannot be tested: {string.Join("; ", result.Diagnostics.Select(d => d.Message))}");
                    throw _broken;
                }
            }
        }
        _built.Add(database.Name);
    }
}
