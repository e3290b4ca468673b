using BuildMigrations.Core.Bundles;

namespace BuildMigrations.Engines.History;

/// <summary>One migration's status, with the bundle entry and the history rows that decided it.</summary>
/// <param name="Version">The version.</param>
/// <param name="Description">The description.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Migration">The bundle's migration; null for <see cref="MigrationStatus.AppliedNotInBundle"/>.</param>
/// <param name="AppliedChecksum">The checksum recorded when it was applied (or accepted by repair).</param>
/// <param name="AppliedRecord">The up row that applied it (for a baselined migration whose checksum a repair accepted, that repair), while it counts as applied; null otherwise (pending, or only baselined). Later repairs and failed downs do not replace it.</param>
/// <param name="FailedRecord">For <see cref="MigrationStatus.Failed"/>: the row of the failure.</param>
public sealed record MigrationState(
    string Version,
    string Description,
    MigrationStatus Status,
    BundleMigration? Migration,
    string? AppliedChecksum,
    HistoryRecord? AppliedRecord,
    HistoryRecord? FailedRecord)
{
    /// <summary><c>version_description</c>.</summary>
    public string Name => $"{Version}_{Description}";

    /// <summary>True for states that count as applied (its down script would undo it).</summary>
    public bool IsApplied => Status is MigrationStatus.Applied or MigrationStatus.Baselined or MigrationStatus.ChecksumChanged or MigrationStatus.AppliedNotInBundle;
}
