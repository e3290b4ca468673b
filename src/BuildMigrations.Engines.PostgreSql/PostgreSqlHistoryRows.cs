using System.Data.Common;
using BuildMigrations.Engines.History;
using Npgsql;
using NpgsqlTypes;

namespace BuildMigrations.Engines.PostgreSql;

/// <summary>Maps <see cref="HistoryRecord"/> to and from the history table's columns.</summary>
internal static class PostgreSqlHistoryRows
{
    public static void Bind(NpgsqlCommand command, HistoryRecord r)
    {
        void Add(string name, object? value, NpgsqlDbType type) =>
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        Add("version", r.Version, NpgsqlDbType.Text);
        Add("description", r.Description, NpgsqlDbType.Text);
        Add("direction", r.Direction.ToString().ToLowerInvariant(), NpgsqlDbType.Text);
        Add("status", r.Status.ToString().ToLowerInvariant(), NpgsqlDbType.Text);
        Add("checksum", r.Checksum, NpgsqlDbType.Text);
        Add("transactional", r.Transactional, NpgsqlDbType.Boolean);
        Add("started_at", r.StartedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        Add("finished_at", r.FinishedAt?.UtcDateTime, NpgsqlDbType.TimestampTz);
        Add("duration_ms", r.DurationMs, NpgsqlDbType.Bigint);
        Add("error", r.Error, NpgsqlDbType.Text);
        Add("failed_statement", r.FailedStatement, NpgsqlDbType.Text);
        Add("failed_line", r.FailedLine, NpgsqlDbType.Integer);
        Add("bundle_name", r.BundleName, NpgsqlDbType.Text);
        Add("bundle_version", r.BundleVersion, NpgsqlDbType.Text);
        Add("bundle_digest", r.BundleDigest, NpgsqlDbType.Text);
        Add("signer_key_id", r.SignerKeyId, NpgsqlDbType.Text);
        Add("os_user", r.OsUser, NpgsqlDbType.Text);
        Add("host", r.Host, NpgsqlDbType.Text);
        Add("ci_run_id", r.CiRunId, NpgsqlDbType.Text);
        Add("tool_version", r.ToolVersion, NpgsqlDbType.Text);
    }

    public static HistoryRecord Read(DbDataReader reader)
    {
        string? Text(string column) => reader[column] is string s ? s : null;
        DateTimeOffset? Time(string column) => reader[column] is DateTime t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
        return new HistoryRecord
        {
            Id = (long)reader["id"],
            Version = Text("version")!,
            Description = Text("description")!,
            Direction = Enum.Parse<HistoryDirection>(Text("direction")!, ignoreCase: true),
            Status = Enum.Parse<HistoryStatus>(Text("status")!, ignoreCase: true),
            Checksum = Text("checksum"),
            Transactional = (bool)reader["transactional"],
            StartedAt = Time("started_at")!.Value,
            FinishedAt = Time("finished_at"),
            Error = Text("error"),
            FailedStatement = Text("failed_statement"),
            FailedLine = reader["failed_line"] is int line ? line : null,
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
