namespace BuildMigrations.Engines.Schema;

/// <summary>An engine that can take a snapshot of the schema it is connected to (used to prove rollbacks).</summary>
public interface ISchemaSnapshots
{
    /// <summary>The schema's objects, leaving out the history table and what belongs to it.</summary>
    Task<SchemaSnapshot> SnapshotAsync(CancellationToken cancellationToken);
}

/// <summary>Finds an engine's snapshots.</summary>
public static class SchemaSnapshots
{
    /// <summary>The engine's snapshots; every registered engine has them (IEngineProvider.CreateEngine says so).</summary>
    public static ISchemaSnapshots Of(IMigrationEngine engine) =>
        engine as ISchemaSnapshots ?? throw new NotSupportedException($"the {engine.Name} engine cannot take schema snapshots");
}
