using System.Data.Common;
using System.Globalization;

namespace BuildMigrations.Engines.History;

/// <summary>
/// Maps <see cref="HistoryRecord"/> to and from the history table's columns through any ADO.NET driver, so each
/// engine only writes its table's DDL: parameters are named like the columns (<c>@version</c>, ...), and reading
/// tolerates each driver's types (booleans as bool or integer, times as DateTime or text).
/// </summary>
public static class HistoryColumns
{
    /// <summary>Binds every column of <paramref name="record"/> (not the id or the database user) as parameters.</summary>
    public static void Bind(DbCommand command, HistoryRecord record) => Bind(command.Parameters, command.CreateParameter, record);

    /// <summary>Binds <paramref name="record"/> to one command of a batch (the history row sent with other commands).</summary>
    public static void Bind(DbBatchCommand command, HistoryRecord record) => Bind(command.Parameters, command.CreateParameter, record);

    private static void Bind(DbParameterCollection parameters, Func<DbParameter> create, HistoryRecord record)
    {
        void Add(string name, object? value)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
        }
        Add("version", record.Version);
        Add("description", record.Description);
        Add("direction", record.Direction.ToString().ToLowerInvariant());
        Add("status", record.Status.ToString().ToLowerInvariant());
        Add("checksum", record.Checksum);
        Add("transactional", record.Transactional);
        Add("started_at", record.StartedAt.UtcDateTime);
        Add("finished_at", record.FinishedAt?.UtcDateTime);
        Add("duration_ms", record.DurationMs);
        Add("error", record.Error);
        Add("failed_statement", record.FailedStatement);
        Add("failed_line", record.FailedLine);
        Add("bundle_name", record.BundleName);
        Add("bundle_version", record.BundleVersion);
        Add("bundle_digest", record.BundleDigest);
        Add("signer_key_id", record.SignerKeyId);
        Add("os_user", record.OsUser);
        Add("host", record.Host);
        Add("ci_run_id", record.CiRunId);
        Add("tool_version", record.ToolVersion);
        Add("command", record.Command);
        Add("id", record.Id);
    }

    /// <summary>The columns a migration's state is derived from (<see cref="MigrationStates"/>), for <see cref="HistoryDetail.States"/>.</summary>
    public const string ForStates = "id, version, description, direction, status, checksum, transactional, started_at, error";

    /// <summary>
    /// The history's SELECT for <paramref name="detail"/>: the engine's <paramref name="selectAll"/>, or only
    /// <see cref="ForStates"/> from <paramref name="table"/> (quoted), oldest first.
    /// </summary>
    public static string Select(HistoryDetail detail, string table, string selectAll) =>
        detail == HistoryDetail.States ? $"SELECT {ForStates} FROM {table} ORDER BY id" : selectAll;

    /// <summary>
    /// The history's SELECT for a table made before the command column: the same without it (every engine's full SELECT
    /// lists it last; the states' SELECT does not have it). Its rows read with a null command.
    /// </summary>
    public static string WithoutCommandColumn(string select) => select.Replace(", command FROM ", " FROM ", StringComparison.Ordinal);

    /// <summary>Runs the history's SELECT and reads every row, oldest first (as the SELECT orders them).</summary>
    public static async Task<IReadOnlyList<HistoryRecord>> ReadAllAsync(DbCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var records = new List<HistoryRecord>();
        // Columns are looked up by name once, not per row: a deploy reads the whole history before it starts.
        var columns = new Ordinals(reader);
        while (await reader.ReadAsync(cancellationToken))
            records.Add(Read(reader, columns));
        return records;
    }

    /// <summary>
    /// Where each column is in a result set selected with the columns named as in the table, plus <c>id</c> and
    /// <c>database_user</c>. The columns of <see cref="ForStates"/> must be there; another one not selected is -1
    /// (read as null).
    /// </summary>
    private sealed class Ordinals(DbDataReader reader)
    {
        public readonly int Id = reader.GetOrdinal("id"), Version = reader.GetOrdinal("version"),
            Description = reader.GetOrdinal("description"), Direction = reader.GetOrdinal("direction"),
            Status = reader.GetOrdinal("status"), Checksum = reader.GetOrdinal("checksum"),
            Transactional = reader.GetOrdinal("transactional"), StartedAt = reader.GetOrdinal("started_at"),
            FinishedAt = Of(reader, "finished_at"), Error = reader.GetOrdinal("error"),
            FailedStatement = Of(reader, "failed_statement"), FailedLine = Of(reader, "failed_line"),
            BundleName = Of(reader, "bundle_name"), BundleVersion = Of(reader, "bundle_version"),
            BundleDigest = Of(reader, "bundle_digest"), SignerKeyId = Of(reader, "signer_key_id"),
            DatabaseUser = Of(reader, "database_user"), OsUser = Of(reader, "os_user"),
            Host = Of(reader, "host"), CiRunId = Of(reader, "ci_run_id"),
            ToolVersion = Of(reader, "tool_version"), Command = Of(reader, "command");

        private static int Of(DbDataReader reader, string column)
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (string.Equals(reader.GetName(i), column, StringComparison.OrdinalIgnoreCase))
                    return i;
            }
            return -1;
        }
    }

    private static HistoryRecord Read(DbDataReader reader, Ordinals columns)
    {
        object? Value(int column) => column < 0 || reader.IsDBNull(column) ? null : reader.GetValue(column);
        string? Text(int column) => Value(column) switch
        {
            null => null,
            string text => text,
            var value => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        DateTimeOffset? Time(int column) => Value(column) switch
        {
            null => null,
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            DateTimeOffset time => time,
            var text => DateTimeOffset.Parse(Convert.ToString(text, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        };
        return new HistoryRecord
        {
            Id = Convert.ToInt64(Value(columns.Id), CultureInfo.InvariantCulture),
            Version = Text(columns.Version)!,
            Description = Text(columns.Description)!,
            Direction = Enum.Parse<HistoryDirection>(Text(columns.Direction)!, ignoreCase: true),
            Status = Enum.Parse<HistoryStatus>(Text(columns.Status)!, ignoreCase: true),
            Checksum = Text(columns.Checksum),
            Transactional = Convert.ToBoolean(Value(columns.Transactional), CultureInfo.InvariantCulture),
            StartedAt = Time(columns.StartedAt)!.Value,
            FinishedAt = Time(columns.FinishedAt),
            Error = Text(columns.Error),
            FailedStatement = Text(columns.FailedStatement),
            FailedLine = Value(columns.FailedLine) is { } line ? Convert.ToInt32(line, CultureInfo.InvariantCulture) : null,
            BundleName = Text(columns.BundleName),
            BundleVersion = Text(columns.BundleVersion),
            BundleDigest = Text(columns.BundleDigest),
            SignerKeyId = Text(columns.SignerKeyId),
            DatabaseUser = Text(columns.DatabaseUser),
            OsUser = Text(columns.OsUser),
            Host = Text(columns.Host),
            CiRunId = Text(columns.CiRunId),
            ToolVersion = Text(columns.ToolVersion),
            Command = Text(columns.Command),
        };
    }
}
