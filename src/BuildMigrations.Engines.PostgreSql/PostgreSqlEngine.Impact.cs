using BuildMigrations.Engines.Schema;
using Npgsql;

namespace BuildMigrations.Engines.PostgreSql;

public sealed partial class PostgreSqlEngine : IImpactMeasurement
{
    // By OID, not name: a table the script dropped is gone from pg_class before its lock can be read, but its OID
    // is still in the list of tables taken before the script. pg_locks lists fast-path locks too.
    private const string LocksModeColumn = "buildmigrations_lock_mode";

    private const string LocksSql = $"""
        SELECT DISTINCT l.relation::bigint, l.mode AS {LocksModeColumn} FROM pg_locks l
        WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted
        """;

    private const string TablesSql = """
        SELECT c.oid::bigint, n.nspname || '.' || c.relname, c.relfilenode::bigint
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
        """;

    private IReadOnlyList<HeldLock>? _lastLocks;

    public bool MeasureLocks { get; set; }

    public IReadOnlyList<HeldLock>? TakeLocks()
    {
        var locks = _lastLocks;
        _lastLocks = null;
        return locks;
    }

    public async Task<IReadOnlyList<TableStorage>> TablesAsync(CancellationToken cancellationToken)
    {
        var tables = new List<TableStorage>();
        await using var command = new NpgsqlCommand(TablesSql, Connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            tables.Add(new TableStorage(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        return tables;
    }

    /// <summary>The locks the transaction holds, from the result of <see cref="LocksSql"/>.</summary>
    private static List<HeldLock> ReadLocks(System.Data.Common.DbDataReader reader)
    {
        var locks = new List<HeldLock>();
        while (reader.Read())
            locks.Add(new HeldLock(reader.GetInt64(0), reader.GetString(1)));
        return locks;
    }
}
