using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Connections;

namespace BuildMigrations.Engines.Providers;

/// <summary>The providers of the engines this build knows, looked up by engine name.</summary>
public sealed class EngineRegistry(IEnumerable<IEngineProvider> providers)
{
    private readonly IReadOnlyList<IEngineProvider> _providers = providers.ToList();

    /// <summary>Every engine name served, for help texts.</summary>
    public IEnumerable<string> Names => _providers.SelectMany(p => p.Names);

    /// <summary>The provider of <paramref name="engine"/>, or null.</summary>
    public IEngineProvider? Find(string? engine) =>
        _providers.FirstOrDefault(p => p.Names.Contains(engine?.Trim().ToLowerInvariant()));

    /// <summary>The provider of <paramref name="engine"/>; throws BM5011 when no provider serves it.</summary>
    public IEngineProvider Get(string? engine) =>
        Find(engine) ?? throw new DiagnosticException(DeployProblems.InvalidConnection(
            $"the {engine ?? "unknown"} engine is not available in this version (available: {string.Join(", ", Names)})"));

    /// <summary>What a driver's error outside any migration means, as the driver's own engine tells it (BM5009 or BM5034).</summary>
    public Diagnostic DescribeError(System.Data.Common.DbException error) =>
        _providers.Select(p => p.DescribeError(error)).FirstOrDefault(d => d is not null) ?? DeployProblems.CannotConnect(error.Message);

    /// <summary>An engine for the target's engine, not yet opened (see <see cref="IEngineProvider.CreateEngine"/>).</summary>
    public IMigrationEngine CreateEngine(ConnectionTarget target, string historyTable, bool createDatabase = true) =>
        Get(target.Engine).CreateEngine(target, historyTable, createDatabase);

    /// <summary>
    /// An engine for the target, opened; one that fails to open is disposed before the error goes on.
    /// <paramref name="createDatabase"/> false: a missing database is read as empty, not created.
    /// </summary>
    public async Task<IMigrationEngine> OpenEngineAsync(ConnectionTarget target, string historyTable, CancellationToken cancellationToken, bool createDatabase = true)
    {
        var engine = CreateEngine(target, historyTable, createDatabase);
        try
        {
            await engine.OpenAsync(cancellationToken);
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }
}
