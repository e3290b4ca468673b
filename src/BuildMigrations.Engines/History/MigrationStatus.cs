namespace BuildMigrations.Engines.History;

/// <summary>Where one migration stands in a database.</summary>
public enum MigrationStatus
{
    /// <summary>In the bundle, not applied.</summary>
    Pending,

    /// <summary>Applied with the bundle's checksum.</summary>
    Applied,

    /// <summary>Counted as applied because the database was baselined at or after its version.</summary>
    Baselined,

    /// <summary>Applied, but the bundle's script has another checksum (edited after it was applied).</summary>
    ChecksumChanged,

    /// <summary>Failed (or interrupted) partway outside a transaction: needs a manual fix and <c>repair</c>.</summary>
    Failed,

    /// <summary>Applied in the database but not in the bundle.</summary>
    AppliedNotInBundle,
}
