using System.Security.Cryptography;
using System.Text;
using BuildMigrations.Engines.History;
using static BuildMigrations.Engines.MySql.MySqlLiteral;

namespace BuildMigrations.Engines.MySql;

/// <summary>The SQL of the history table and the deploy lock, for one table name.</summary>
internal sealed class MySqlHistorySql(HistoryTableName name, string database)
{
    public string Table { get; } = name.Schema is null ? Identifier(name.Table) : $"{Identifier(name.Schema)}.{Identifier(name.Table)}";

    /// <summary>GET_LOCK names are server-wide and at most 64 characters: database and table, hashed when long.</summary>
    public string LockName
    {
        get
        {
            var full = $"bm:{name.Schema ?? database}.{name.Table}";
            return full.Length <= 64 ? full : "bm:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..40];
        }
    }

    public string Create => $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
            version VARCHAR(100) NOT NULL,
            description VARCHAR(255) NOT NULL,
            direction VARCHAR(16) NOT NULL,
            status VARCHAR(16) NOT NULL,
            checksum CHAR(64) NULL,
            transactional TINYINT(1) NOT NULL,
            started_at DATETIME(6) NOT NULL,
            finished_at DATETIME(6) NULL,
            duration_ms BIGINT NULL,
            error TEXT NULL,
            failed_statement MEDIUMTEXT NULL,
            failed_line INT NULL,
            bundle_name VARCHAR(255) NULL,
            bundle_version VARCHAR(100) NULL,
            bundle_digest CHAR(64) NULL,
            signer_key_id CHAR(64) NULL,
            database_user VARCHAR(255) NULL,
            os_user VARCHAR(255) NULL,
            host VARCHAR(255) NULL,
            ci_run_id VARCHAR(255) NULL,
            tool_version VARCHAR(100) NULL
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """;

    public string Exists => name.Schema is null
        ? $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = {Text(name.Table)}"
        : $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = {Text(name.Schema)} AND table_name = {Text(name.Table)}";

    public string Insert(HistoryRecord r) => $"""
        INSERT INTO {Table} (version, description, direction, status, checksum, transactional, started_at, finished_at, duration_ms,
            error, failed_statement, failed_line, bundle_name, bundle_version, bundle_digest, signer_key_id, database_user, os_user, host, ci_run_id, tool_version)
        VALUES ({Text(r.Version)}, {Text(r.Description)}, {Text(Lower(r.Direction))}, {Text(Lower(r.Status))}, {Text(r.Checksum)}, {Bool(r.Transactional)},
            {Time(r.StartedAt)}, {Time(r.FinishedAt)}, {Number(r.DurationMs)}, {Text(r.Error)}, {Text(r.FailedStatement)}, {Number(r.FailedLine)},
            {Text(r.BundleName)}, {Text(r.BundleVersion)}, {Text(r.BundleDigest)}, {Text(r.SignerKeyId)}, CURRENT_USER(), {Text(r.OsUser)}, {Text(r.Host)},
            {Text(r.CiRunId)}, {Text(r.ToolVersion)})
        """;

    public string Complete(HistoryRecord r) =>
        $"UPDATE {Table} SET status = {Text(Lower(r.Status))}, finished_at = {Time(r.FinishedAt)}, duration_ms = {Number(r.DurationMs)}, "
        + $"error = {Text(r.Error)}, failed_statement = {Text(r.FailedStatement)}, failed_line = {Number(r.FailedLine)} WHERE id = {Number(r.Id)}";

    /// <summary>Text columns as HEX, so tabs and newlines in errors and statements survive the client's output.</summary>
    public string Select => $"""
        SELECT id, HEX(version), HEX(description), direction, status, IFNULL(checksum, 'NULL'), transactional,
               DATE_FORMAT(started_at, '%Y-%m-%dT%H:%i:%s.%f'), IFNULL(DATE_FORMAT(finished_at, '%Y-%m-%dT%H:%i:%s.%f'), 'NULL'),
               IFNULL(HEX(error), 'NULL'), IFNULL(HEX(failed_statement), 'NULL'), IFNULL(failed_line, 'NULL'),
               IFNULL(HEX(bundle_name), 'NULL'), IFNULL(HEX(bundle_version), 'NULL'), IFNULL(bundle_digest, 'NULL'), IFNULL(signer_key_id, 'NULL'),
               IFNULL(HEX(database_user), 'NULL'), IFNULL(HEX(os_user), 'NULL'), IFNULL(HEX(host), 'NULL'), IFNULL(HEX(ci_run_id), 'NULL'), IFNULL(HEX(tool_version), 'NULL')
        FROM {Table} ORDER BY id
        """;

    private static string Lower(Enum value) => value.ToString().ToLowerInvariant();
}
