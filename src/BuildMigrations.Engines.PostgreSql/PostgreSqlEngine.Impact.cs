using BuildMigrations.Core.Lint;
using BuildMigrations.Engines.Schema;
using Npgsql;

namespace BuildMigrations.Engines.PostgreSql;

public sealed partial class PostgreSqlEngine : IImpactMeasurement
{
    // Only user tables: the catalog reads of this very query (pg_class, pg_locks) and TOAST tables are not the script's.
    private const string UserTables = """
        c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
        """;

    // pg_locks lists fast-path locks too, so every lock this backend holds on a table is here.
    private const string LocksSql = $"""
        SELECT DISTINCT n.nspname || '.' || c.relname, l.mode
        FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND {UserTables}
        ORDER BY 1, 2
        """;

    private const string StorageSql = $"""
        SELECT n.nspname || '.' || c.relname, c.relfilenode::bigint
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE {UserTables}
        """;

    private IReadOnlyList<MeasuredLock>? _lastLocks;

    public bool MeasureLocks { get; set; }

    public IReadOnlyList<MeasuredLock>? TakeLocks()
    {
        var locks = _lastLocks;
        _lastLocks = null;
        return locks;
    }

    public async Task<IReadOnlyDictionary<string, long>> TableStorageAsync(CancellationToken cancellationToken)
    {
        var storage = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(StorageSql, Connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            storage[reader.GetString(0)] = reader.GetInt64(1);
        return storage;
    }

    /// <summary>Records the table locks the open transaction holds, when measuring.</summary>
    private async Task RecordLocksAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (!MeasureLocks)
            return;
        var locks = new List<MeasuredLock>();
        await using var command = new NpgsqlCommand(LocksSql, Connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            locks.Add(new MeasuredLock(reader.GetString(0), reader.GetString(1)));
        _lastLocks = locks;
    }
}
