namespace BuildMigrations.Engines.Schema;

/// <summary>An engine that can take a snapshot of the schema it is connected to (used to prove rollbacks).</summary>
public interface ISchemaSnapshots
{
    /// <summary>The schema's objects, leaving out the history table and what belongs to it.</summary>
    Task<SchemaSnapshot> SnapshotAsync(CancellationToken cancellationToken);
}
