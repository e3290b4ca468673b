namespace BuildMigrations.Engines.History;

/// <summary>What a history row records.</summary>
public enum HistoryDirection
{
    /// <summary>An up script ran.</summary>
    Up,

    /// <summary>A down script ran (rollback).</summary>
    Down,

    /// <summary>An existing database was marked as being at a version.</summary>
    Baseline,

    /// <summary>A failed record was cleared, or a changed checksum accepted, after a manual fix.</summary>
    Repair,
}

/// <summary>Where a history row's work stands.</summary>
public enum HistoryStatus
{
    /// <summary>Started and not finished: either running now, or interrupted (the deployer died).</summary>
    Running,

    /// <summary>Finished successfully.</summary>
    Applied,

    /// <summary>Failed; see <see cref="HistoryRecord.Error"/>.</summary>
    Failed,
}

/// <summary>
/// One row of the audit trail. Rows are appended, never deleted: the current state of a migration is derived
/// from its rows (see <see cref="MigrationStates"/>).
/// </summary>
public sealed record HistoryRecord
{
    public long Id { get; init; }
    public required string Version { get; init; }
    public required string Description { get; init; }
    public required HistoryDirection Direction { get; init; }
    public required HistoryStatus Status { get; init; }

    /// <summary>SHA-256 of the script that ran (up or down), or for a repair the checksum now accepted.</summary>
    public string? Checksum { get; init; }

    /// <summary>True when the script ran in one transaction with this row, so a failure left nothing behind.</summary>
    public bool Transactional { get; init; }

    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public long? DurationMs => FinishedAt is { } end ? (long)(end - StartedAt).TotalMilliseconds : null;

    public string? Error { get; init; }
    public string? FailedStatement { get; init; }

    /// <summary>The line of the source migration file where the failing statement is.</summary>
    public int? FailedLine { get; init; }

    public string? BundleName { get; init; }
    public string? BundleVersion { get; init; }
    public string? BundleDigest { get; init; }
    public string? SignerKeyId { get; init; }
    public string? DatabaseUser { get; init; }
    public string? OsUser { get; init; }
    public string? Host { get; init; }
    public string? CiRunId { get; init; }
    public string? ToolVersion { get; init; }

    /// <summary>The command and its options that made this row (<c>rollback --to 0002 -c env:DB_URL</c>), secrets removed.</summary>
    public string? Command { get; init; }
}
