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

    /// <summary>Runs the history's SELECT and reads every row, oldest first (as the SELECT orders them).</summary>
    public static async Task<IReadOnlyList<HistoryRecord>> ReadAllAsync(DbCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var records = new List<HistoryRecord>();
        while (await reader.ReadAsync(cancellationToken))
            records.Add(Read(reader));
        return records;
    }

    /// <summary>Reads the current row (selected with the columns named as in the table, plus <c>id</c> and <c>database_user</c>).</summary>
    public static HistoryRecord Read(DbDataReader reader)
    {
        object? Value(string column) => reader[column] is var value && value is DBNull ? null : value;
        string? Text(string column) => Value(column) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
        DateTimeOffset? Time(string column) => Value(column) switch
        {
            null => null,
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            DateTimeOffset time => time,
            var text => DateTimeOffset.Parse(Convert.ToString(text, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        };
        return new HistoryRecord
        {
            Id = Convert.ToInt64(Value("id"), CultureInfo.InvariantCulture),
            Version = Text("version")!,
            Description = Text("description")!,
            Direction = Enum.Parse<HistoryDirection>(Text("direction")!, ignoreCase: true),
            Status = Enum.Parse<HistoryStatus>(Text("status")!, ignoreCase: true),
            Checksum = Text("checksum"),
            Transactional = Convert.ToBoolean(Value("transactional"), CultureInfo.InvariantCulture),
            StartedAt = Time("started_at")!.Value,
            FinishedAt = Time("finished_at"),
            Error = Text("error"),
            FailedStatement = Text("failed_statement"),
            FailedLine = Value("failed_line") is { } line ? Convert.ToInt32(line, CultureInfo.InvariantCulture) : null,
            BundleName = Text("bundle_name"),
            BundleVersion = Text("bundle_version"),
            BundleDigest = Text("bundle_digest"),
            SignerKeyId = Text("signer_key_id"),
            DatabaseUser = Text("database_user"),
            OsUser = Text("os_user"),
            Host = Text("host"),
            CiRunId = Text("ci_run_id"),
            ToolVersion = Text("tool_version"),
            Command = Text("command"),
        };
    }
}
