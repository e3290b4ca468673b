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
        if (connection.PostgreSqlVersion.Major >= 14)
        {
            // A killed deployer's statement is otherwise only noticed when it ends (an hour-long index build,
            // holding the lock): have the server check the client every second and cancel the orphaned work.
            await using var check = new NpgsqlCommand("SET client_connection_check_interval = '1s'", connection);
            await check.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<bool> TryAcquireLockAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", Connection);
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

    // Made sure of once per session: the executor asks before every command, and the check is DDL (or a catalog read).
    private bool _historyReady;

    public async Task EnsureHistoryAsync(CancellationToken cancellationToken)
    {
        if (_historyReady)
            return;
        await using var command = new NpgsqlCommand(_sql.Create, Connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        _historyReady = true;
    }

    public async Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(CancellationToken cancellationToken, HistoryDetail detail = HistoryDetail.Full)
    {
        if (!_historyReady)
        {
            await using var exists = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", Connection);
            exists.Parameters.AddWithValue("name", _sql.RegClass);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
                return [];
        }
        await using var command = new NpgsqlCommand(HistoryColumns.Select(detail, _sql.Table, _sql.Select), Connection);
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

    public async Task RunInTransactionAsync(IReadOnlyList<SqlStatement> statements, Func<HistoryRecord> recordAfter, CancellationToken cancellationToken, Action<int>? onStatement = null)
    {
        // One round trip per migration: the script's statements, the history row and the COMMIT go as one batch
        // (the BEGIN rides on it too). The server stops at the first failing statement and skips the rest, so the
        // COMMIT never runs and disposing the transaction rolls it back. The row's times are the server's (the
        // transaction's start and the clock when the row is written): the batch is sent before the script runs.
        await using var transaction = await Connection.BeginTransactionAsync(cancellationToken);
        // Migrations may legitimately run for hours (index builds, backfills): no timeout.
        await using var batch = new NpgsqlBatch(Connection, transaction) { Timeout = 0 };
        for (var i = 0; i < statements.Count; i++)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statements[i].Text));
            if (i < statements.Count - 1)
                batch.BatchCommands.Add(new NpgsqlBatchCommand(StatementMarker.Sql));
        }
        if (MeasureLocks)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(LocksSql));
        var insert = new NpgsqlBatchCommand(_sql.InsertTimedByServer);
        HistoryColumns.Bind(insert, recordAfter());
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));

        // The statement running: a long script reports which one it is on, and a failure is that one's (one after
        // the last statement, a deferred constraint at the COMMIT or the history row, is reported on the last).
        var running = 0;
        try
        {
            if (statements.Count > 0)
                onStatement?.Invoke(0);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                if (StatementMarker.IsCurrent(reader))
                    onStatement?.Invoke(++running);
                else if (MeasureLocks && reader.FieldCount == 2 && reader.GetName(1) == LocksModeColumn)
                    _lastLocks = ReadLocks(reader);
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        catch (NpgsqlException e) when (statements.Count > 0)
        {
            // The server's error for that statement, or the connection failing (the server went away) while it ran.
            throw Failure(statements[running], e);
        }
        catch (InvalidOperationException e) when (statements.Count > 0)
        {
            // A COMMIT or ROLLBACK that got past the build's check ended the tool's transaction: a recorded
            // failure of that statement, never a crash (what ran after it is committed).
            var ender = Core.Sql.TransactionControl.Find(statements).Select(f => f.Statement).FirstOrDefault() ?? statements[running];
            throw Failure(ender, e);
        }
    }

    private static StatementFailedException Failure(SqlStatement statement, Exception e) => e switch
    {
        PostgresException server => new StatementFailedException(statement, PostgreSqlErrors.Describe(server), PostgreSqlErrors.LineInStatement(statement.Text, server.Position), e),
        // The driver's transaction state changed under it (e.g. a COMMIT that got past the build's check):
        // a recorded failure, never a crash.
        _ => new StatementFailedException(statement, e.Message, inner: e),
    };

    public Task RunEachAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken, Action<int>? onStatement = null) =>
        StatementLoop.RunAsync(statements, onStatement, statement => ExecuteAsync(statement, cancellationToken));

    private async Task ExecuteAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
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
