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
        var before = (await _engine.TablesAsync(cancellationToken)).ToDictionary(t => t.Id);
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
        if (_engine.TakeLocks() is not { } held)
            return (result, null);
        var after = (await _engine.TablesAsync(cancellationToken)).ToDictionary(t => t.Id);
        var locks = held.Where(l => before.ContainsKey(l.TableId))
            .Select(l => new MeasuredLock(before[l.TableId].Name, l.Mode))
            .OrderBy(l => l.Relation, StringComparer.Ordinal).ThenBy(l => l.Mode, StringComparer.Ordinal).ToList();
        var rewritten = before.Values.Where(t => after.TryGetValue(t.Id, out var now) && now.Storage != t.Storage)
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        return (result, new MeasuredScript(locks, rewritten));
    }
}
