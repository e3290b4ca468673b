using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines.Sqlite;

/// <summary>One column of the history table: its name, its SQLite declaration, and the value a record writes to it.</summary>
internal sealed record SqliteHistoryColumn(string Name, string Declaration, Func<HistoryRecord, object?> Value);

/// <summary>
/// The history table's columns, the same as PostgreSQL's, in one list that the CREATE, the INSERT and the binding
/// are all made from, so they cannot disagree. Times are stored as ISO-8601 UTC text (SQLite's date functions read
/// it), booleans as 0/1. <c>database_user</c> is the OS account of the deployer: SQLite has no users, and the
/// account's file permissions are what let it change the database.
/// </summary>
internal static class SqliteHistoryColumns
{
    public static IReadOnlyList<SqliteHistoryColumn> Written { get; } =
    [
        new("version", "TEXT NOT NULL", r => r.Version),
        new("description", "TEXT NOT NULL", r => r.Description),
        new("direction", "TEXT NOT NULL", r => r.Direction.ToString().ToLowerInvariant()),
        new("status", "TEXT NOT NULL", r => r.Status.ToString().ToLowerInvariant()),
        new("checksum", "TEXT", r => r.Checksum),
        new("transactional", "INTEGER NOT NULL", r => r.Transactional),
        new("started_at", "TEXT NOT NULL", r => Time(r.StartedAt)),
        new("finished_at", "TEXT", r => Time(r.FinishedAt)),
        new("duration_ms", "INTEGER", r => r.DurationMs),
        new("error", "TEXT", r => r.Error),
        new("failed_statement", "TEXT", r => r.FailedStatement),
        new("failed_line", "INTEGER", r => r.FailedLine),
        new("bundle_name", "TEXT", r => r.BundleName),
        new("bundle_version", "TEXT", r => r.BundleVersion),
        new("bundle_digest", "TEXT", r => r.BundleDigest),
        new("signer_key_id", "TEXT", r => r.SignerKeyId),
        new("database_user", "TEXT NOT NULL", r => r.DatabaseUser ?? Environment.UserName),
        new("os_user", "TEXT", r => r.OsUser),
        new("host", "TEXT", r => r.Host),
        new("ci_run_id", "TEXT", r => r.CiRunId),
        new("tool_version", "TEXT", r => r.ToolVersion),
        new("command", "TEXT", r => r.Command),
    ];

    /// <summary>The columns a finished record updates on its running row.</summary>
    public static IReadOnlyList<SqliteHistoryColumn> Completed { get; } =
        Written.Where(c => c.Name is "status" or "finished_at" or "duration_ms" or "error" or "failed_statement" or "failed_line").ToList();

    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static string? Time(DateTimeOffset? time) => time?.UtcDateTime.ToString(TimeFormat, System.Globalization.CultureInfo.InvariantCulture);
}
