using BuildMigrations.Core.Sql;
using BuildMigrations.Core.Sql.PostgreSql;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.History;
using BuildMigrations.Engines.Schema;
using Npgsql;

namespace BuildMigrations.Engines.PostgreSql;

/// <summary>PostgreSQL through Npgsql: session advisory lock, transactional DDL, history in a table.</summary>
public sealed partial class PostgreSqlEngine(string connectionString, HistoryTableName historyTable) : IMigrationEngine, ISchemaSnapshots
{
    private readonly PostgreSqlHistorySql _sql = new(historyTable);
    private readonly long _lockKey = LockKeyFor(historyTable);
    private NpgsqlConnection? _connection;

    /// <summary>An engine for a connection target (URL or ADO.NET string) and a history table name.</summary>
    public static PostgreSqlEngine For(Connections.ConnectionTarget target, string historyTable) =>
        new(PostgreSqlConnections.ToConnectionString(target), HistoryTableName.Parse(historyTable, "public"));

    public string Name => Core.Model.EngineNames.PostgreSql;

    public bool TransactionalDdl => true;

    private NpgsqlConnection Connection => _connection ?? throw new InvalidOperationException("OpenAsync was not called");

    /// <summary>One advisory lock key per history table, so unrelated products on one server do not block each other.</summary>
    internal static long LockKeyFor(HistoryTableName table) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"BuildMigrations:{table.Schema ?? "public"}.{table.Table}")));

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(PostgreSqlConnections.ForMigrationSession(connectionString));
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new DiagnosticException(DeployProblems.CannotConnect(e.Message), e);
        }
        _connection = connection;
    }

    private bool _clientChecked;

    public async Task<bool> TryAcquireLockAsync(CancellationToken cancellationToken)
    {
        if (!_clientChecked && Connection.PostgreSqlVersion.Major >= 14)
        {
            // A killed deployer's statement is otherwise only noticed when it ends (an hour-long index build,
            // holding the lock): have the server check the client every second and cancel the orphaned work.
            // Set with the lock, which deploy, rollback and repair take before they change anything.
            await using var check = new NpgsqlCommand("SET client_connection_check_interval = '1s'", Connection);
            await check.ExecuteNonQueryAsync(cancellationToken);
        }
        _clientChecked = true;
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", Connection);
        command.Parameters.AddWithValue("key", _lockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<bool?> IsLockHeldElsewhereAsync(CancellationToken cancellationToken)
    {
        // A bigint advisory key shows in pg_locks as its high and low 32 bits (classid, objid) with objsubid 1.
        await using var command = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND pid <> pg_backend_pid()
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND classid::bigint = ((@key >> 32) & 4294967295) AND objid::bigint = (@key & 4294967295))
            """, Connection);
        command.Parameters.AddWithValue("key", _lockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task ReleaseLockAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { State: System.Data.ConnectionState.Open })
            return; // a broken session released its lock when the server dropped it
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", Connection);
        command.Parameters.AddWithValue("key", _lockKey);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    // Made sure of once per session: the executor asks before every command that writes, and the check is DDL.
    private bool _historyReady;

    public async Task EnsureHistoryAsync(CancellationToken cancellationToken)
    {
        if (_historyReady)
            return;
        await using var command = new NpgsqlCommand(_sql.Create, Connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        // Asked rather than altered blindly: ADD COLUMN takes an exclusive lock, and another product's table named by
        // --history-table must be left as it is.
        if (await NeedsCommandColumnAsync(cancellationToken) == true)
        {
            await using var add = new NpgsqlCommand(_sql.AddCommandColumn, Connection);
            await add.ExecuteNonQueryAsync(cancellationToken);
        }
        _historyReady = true;
    }

    /// <summary>Whether the history table lacks the command column (null: there is none); throws BM5037 when it is not a history table.</summary>
    private async Task<bool?> NeedsCommandColumnAsync(CancellationToken cancellationToken)
    {
        await using var columns = new NpgsqlCommand(PostgreSqlHistorySql.ColumnCounts, Connection);
        columns.Parameters.AddWithValue("schema", _sql.Schema);
        columns.Parameters.AddWithValue("table", _sql.TableName);
        return await HistoryTableShape.NeedsCommandColumnAsync(columns, _sql.Table, cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(CancellationToken cancellationToken, HistoryDetail detail = HistoryDetail.Full)
    {
        // Read at once rather than asking first whether the table exists: one round trip for every deploy with
        // nothing to apply. A missing table (or schema) is an empty history; nothing is created.
        var select = HistoryColumns.Select(detail, _sql.Table, _sql.Select);
        try
        {
            return await ReadAsync(select, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return [];
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedColumn)
        {
            // Another table is refused (BM5037); one made before the command column is read without it.
            if (await NeedsCommandColumnAsync(cancellationToken) != true)
                throw;
            return await ReadAsync(HistoryColumns.WithoutCommandColumn(select), cancellationToken);
        }
    }

    private async Task<IReadOnlyList<HistoryRecord>> ReadAsync(string select, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(select, Connection);
        return await HistoryColumns.ReadAllAsync(command, cancellationToken);
    }

    public async Task<long> AppendHistoryAsync(HistoryRecord record, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_sql.Insert, Connection);
        HistoryColumns.Bind(command, record);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task CompleteHistoryAsync(HistoryRecord finished, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_sql.Complete, Connection);
        HistoryColumns.Bind(command, finished);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public IReadOnlyList<SqlStatement> Split(string script) => PostgreSqlStatementSplitter.Split(script);

    private static string Describe(Exception e) => e is PostgresException server ? PostgreSqlErrors.Describe(server) : e.Message;

    private static int? LineIn(SqlStatement statement, Exception e) => e is PostgresException server ? PostgreSqlErrors.LineInStatement(statement.Text, server.Position) : null;

    private static StatementFailedException Failure(SqlStatement statement, Exception e) => new(statement, Describe(e), LineIn(statement, e), e);

    public Task RunEachAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken, Action<int>? onStatement = null) =>
        StatementLoop.RunAsync(statements, onStatement, statement => ExecuteAsync(statement, cancellationToken));

    private async Task ExecuteAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
        if (MayDeallocate(statement))
            _preparedMayBeGone = true;
        // Migrations may legitimately run for hours (index builds, backfills): no command timeout.
        await using var command = new NpgsqlCommand(statement.Text, Connection) { CommandTimeout = 0 };
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            throw Failure(statement, e);
        }
    }

    public async Task<string?> DescribeLeftoversAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { State: System.Data.ConnectionState.Open })
            return null;
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(indexrelid::regclass::text, ', ') FROM pg_index WHERE NOT indisvalid", Connection);
        var invalid = await command.ExecuteScalarAsync(cancellationToken);
        return invalid is string names ? $"invalid indexes {names} (drop them before retrying)" : null;
    }

    public Task<SchemaSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        PostgreSqlSnapshot.ReadAsync(Connection, _sql.Schema, historyTable.Table, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
