namespace BuildMigrations.Engines.Schema;

/// <summary>A table as the impact measurement sees it: its identity, its qualified name, and the identity of its storage.</summary>
public sealed record TableStorage(long Id, string Name, long Storage);

/// <summary>A lock a transaction held: the locked table's identity and the lock mode as the server names it.</summary>
public sealed record HeldLock(long TableId, string Mode);

/// <summary>
/// An engine that can tell what a script really did to the tables it found: the table locks its transaction held and
/// which tables got new storage (were rewritten). Used by <c>dotnet test</c> to measure what plan can only expect.
/// </summary>
public interface IImpactMeasurement
{
    /// <summary>While true, each transactional script records the locks its transaction holds just before its history row and commit.</summary>
    bool MeasureLocks { get; set; }

    /// <summary>The locks the last transactional script held (null when none ran since the last call); clears them.</summary>
    IReadOnlyList<HeldLock>? TakeLocks();

    /// <summary>Every user table, with the identity of its storage: a table whose storage changes was rewritten.</summary>
    Task<IReadOnlyList<TableStorage>> TablesAsync(CancellationToken cancellationToken);
}
