using System.Data.Common;

namespace BuildMigrations.Engines.History;

/// <summary>
/// Reads a row of the history table, whose columns are the same in every engine, into a <see cref="HistoryRecord"/>.
/// Engines differ only in how a time is stored (a timestamp, ISO-8601 text), so they pass that conversion; flags and
/// numbers are read whatever integer or boolean type the driver hands back.
/// </summary>
public static class HistoryRows
{
    public static HistoryRecord Read(DbDataReader reader, Func<object, DateTimeOffset> time)
    {
        string? Text(string column) => reader[column] as string;
        long? Number(string column) => reader[column] is DBNull ? null : Convert.ToInt64(reader[column], System.Globalization.CultureInfo.InvariantCulture);
        DateTimeOffset? Time(string column) => reader[column] is DBNull ? null : time(reader[column]);
        return new HistoryRecord
        {
            Id = Number("id")!.Value,
            Version = Text("version")!,
            Description = Text("description")!,
            Direction = Enum.Parse<HistoryDirection>(Text("direction")!, ignoreCase: true),
            Status = Enum.Parse<HistoryStatus>(Text("status")!, ignoreCase: true),
            Checksum = Text("checksum"),
            Transactional = Number("transactional") is not (null or 0),
            StartedAt = Time("started_at")!.Value,
            FinishedAt = Time("finished_at"),
            Error = Text("error"),
            FailedStatement = Text("failed_statement"),
            FailedLine = Number("failed_line") is { } line ? (int)line : null,
            BundleName = Text("bundle_name"),
            BundleVersion = Text("bundle_version"),
            BundleDigest = Text("bundle_digest"),
            SignerKeyId = Text("signer_key_id"),
            DatabaseUser = Text("database_user"),
            OsUser = Text("os_user"),
            Host = Text("host"),
            CiRunId = Text("ci_run_id"),
            ToolVersion = Text("tool_version"),
        };
    }
}
