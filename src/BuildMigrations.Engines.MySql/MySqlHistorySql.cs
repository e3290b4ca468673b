using System.Security.Cryptography;
using System.Text;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines.MySql;

/// <summary>The SQL of the history table and the deploy lock, for one table name.</summary>
internal sealed class MySqlHistorySql(HistoryTableName name, string database)
{
    /// <summary>
    /// Always qualified with the target database: a migration that says <c>USE other;</c> must not send history
    /// writes (or the next migration) to another database.
    /// </summary>
    public string Table { get; } = $"{Identifier(name.Schema ?? database)}.{Identifier(name.Table)}";

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
            tool_version VARCHAR(100) NULL,
            command TEXT NULL
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """;

    public string Schema { get; } = name.Schema ?? database;

    public string TableName => name.Table;

    public const string Columns = "version, description, direction, status, checksum, transactional, started_at, finished_at, duration_ms, error, failed_statement, failed_line, bundle_name, bundle_version, bundle_digest, signer_key_id, database_user, os_user, host, ci_run_id, tool_version, command";

    public string Insert => $"INSERT INTO {Table} ({Columns}) VALUES (@version, @description, @direction, @status, @checksum, @transactional, @started_at, @finished_at, @duration_ms, @error, @failed_statement, @failed_line, @bundle_name, @bundle_version, @bundle_digest, @signer_key_id, CURRENT_USER(), @os_user, @host, @ci_run_id, @tool_version, @command)";

    /// <summary>
    /// Takes <c>@schema</c> and <c>@table</c>: how many of the history's identifying columns the table has, whether it has
    /// the command column (history tables made before it lack it), and how many columns it has.
    /// </summary>
    public const string ColumnCounts =
        $"SELECT COALESCE(SUM(LOWER(column_name) IN ({HistoryTableShape.IdentifyingColumns})), 0), COALESCE(SUM(LOWER(column_name) = 'command'), 0), COUNT(*) "
        + "FROM information_schema.columns WHERE table_schema = @schema AND table_name = @table";

    public string AddCommandColumn => $"ALTER TABLE {Table} ADD COLUMN command TEXT NULL";

    /// <summary>The session variable holding the running row's id between the statements of one batch.</summary>
    public const string RunningId = "@buildmigrations_history_id";

    /// <summary>The insert of a running row sent with its script: started by the server's clock, its id kept in <see cref="RunningId"/>.</summary>
    public string InsertRunning => Insert.Replace("@started_at", "UTC_TIMESTAMP(6)");

    /// <summary>Marks the row in <see cref="RunningId"/> applied, timed by the server's clock.</summary>
    public string CompleteRunning =>
        $"UPDATE {Table} SET status = 'applied', finished_at = UTC_TIMESTAMP(6), duration_ms = TIMESTAMPDIFF(MICROSECOND, started_at, UTC_TIMESTAMP(6)) DIV 1000 WHERE id = {RunningId}";

    /// <summary>Finishes a running row (a failure): timed by the server's clock, as its start was (<see cref="InsertRunning"/>).</summary>
    public string Complete => $"UPDATE {Table} SET status = @status, finished_at = UTC_TIMESTAMP(6), duration_ms = TIMESTAMPDIFF(MICROSECOND, started_at, UTC_TIMESTAMP(6)) DIV 1000, error = @error, failed_statement = @failed_statement, failed_line = @failed_line WHERE id = @id";

    public string Select => $"SELECT id, {Columns} FROM {Table} ORDER BY id";

    /// <summary>Back to the connection's database, between scripts sent in one request.</summary>
    public string UseDatabase { get; } = $"USE {Identifier(database)}";

    private static string Identifier(string identifier) => "`" + identifier.Replace("`", "``") + "`";
}
