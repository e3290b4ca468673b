using BuildMigrations.Core.Lint;

namespace BuildMigrations.Engines.Schema;

/// <summary>
/// An engine that can tell what a script really did to the tables it found: the table locks its transaction held and
/// which tables got new storage (were rewritten). Used by <c>dotnet test</c> to measure what plan can only expect.
/// </summary>
public interface IImpactMeasurement
{
    /// <summary>While true, each transactional script records the table locks its transaction holds just before its history row and commit.</summary>
    bool MeasureLocks { get; set; }

    /// <summary>The table locks the last transactional script held (null when none ran since the last call); clears them.</summary>
    IReadOnlyList<MeasuredLock>? TakeLocks();

    /// <summary>Every table's storage identity, by qualified name: a table whose identity changes was rewritten.</summary>
    Task<IReadOnlyDictionary<string, long>> TableStorageAsync(CancellationToken cancellationToken);
}
