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

    public static HistoryRecord Read(DbDataReader reader) =>
        HistoryRows.Read(reader, value => new DateTimeOffset(DateTime.SpecifyKind((DateTime)value, DateTimeKind.Utc)));
}
