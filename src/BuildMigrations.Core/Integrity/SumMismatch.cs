namespace BuildMigrations.Core.Integrity;

/// <summary>Why a migrations.sum no longer matches its folder.</summary>
public enum SumMismatchReason
{
    /// <summary>A file exists that migrations.sum does not record.</summary>
    Added,

    /// <summary>A recorded file's content changed.</summary>
    Edited,

    /// <summary>A recorded file no longer exists.</summary>
    Removed,

    /// <summary>A recorded file is now in another position (its version changed, or one was inserted before it by renaming).</summary>
    Reordered,

    /// <summary>The lines are intact but the total hash is not theirs: the file was edited by hand.</summary>
    Tampered,
}

/// <summary>One difference between migrations.sum and the folder, at a line of migrations.sum.</summary>
/// <param name="Reason">What differs.</param>
/// <param name="Path">The migration file concerned (null for <see cref="SumMismatchReason.Tampered"/>).</param>
/// <param name="Line">The 1-based line of migrations.sum: the recorded line, or for an added file the line it belongs at.</param>
public sealed record SumMismatch(SumMismatchReason Reason, string? Path, int Line);
