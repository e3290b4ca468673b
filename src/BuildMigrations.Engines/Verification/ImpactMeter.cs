using BuildMigrations.Core.Lint;
using BuildMigrations.Engines.Schema;

namespace BuildMigrations.Engines.Verification;

/// <summary>
/// Measures one script's run on an engine that can tell (<see cref="IImpactMeasurement"/>): the locks it held on
/// tables that existed before it (locks on tables it creates block no one) and the tables it rewrote.
/// </summary>
public sealed class ImpactMeter
{
    private readonly IImpactMeasurement _engine;

    private ImpactMeter(IImpactMeasurement engine) => _engine = engine;

    /// <summary>A meter for <paramref name="engine"/>, or null when the engine cannot measure.</summary>
    public static ImpactMeter? For(IMigrationEngine engine) => engine is IImpactMeasurement measurement ? new ImpactMeter(measurement) : null;

    /// <summary>Runs <paramref name="run"/>; what it measured is null when the script ran outside a transaction (its locks were gone before they could be read).</summary>
    public async Task<(T Result, MeasuredScript? Measured)> MeasureAsync<T>(Func<Task<T>> run, CancellationToken cancellationToken)
    {
        var before = await _engine.TableStorageAsync(cancellationToken);
        _engine.TakeLocks();
        _engine.MeasureLocks = true;
        T result;
        try
        {
            result = await run();
        }
        finally
        {
            _engine.MeasureLocks = false;
        }
        if (_engine.TakeLocks() is not { } locks)
            return (result, null);
        var after = await _engine.TableStorageAsync(cancellationToken);
        var rewritten = before.Where(table => after.TryGetValue(table.Key, out var storage) && storage != table.Value)
            .Select(table => table.Key).Order(StringComparer.Ordinal).ToList();
        return (result, new MeasuredScript([.. locks.Where(l => before.ContainsKey(l.Relation))], rewritten));
    }
}
