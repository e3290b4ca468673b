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
        var connection = new NpgsqlConnection(connectionString);
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

    public async Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        if (!_historyReady)
        {
            await using var exists = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", Connection);
            exists.Parameters.AddWithValue("name", _sql.RegClass);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
                return [];
        }
        await using var command = new NpgsqlCommand(_sql.Select, Connection);
        return await HistoryColumns.ReadAllAsync(command, cancellationToken);
    }

    public Task<long> AppendHistoryAsync(HistoryRecord record, CancellationToken cancellationToken) =>
        InsertAsync(record, transaction: null, cancellationToken);

    private async Task<long> InsertAsync(HistoryRecord record, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_sql.Insert, Connection, transaction);
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
        await using var transaction = await Connection.BeginTransactionAsync(cancellationToken);
        await StatementLoop.RunAsync(statements, onStatement, statement => ExecuteAsync(statement, transaction, cancellationToken));
        await RecordLocksAsync(transaction, cancellationToken);
        await InsertAsync(recordAfter(), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task RunEachAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken, Action<int>? onStatement = null) =>
        StatementLoop.RunAsync(statements, onStatement, statement => ExecuteAsync(statement, transaction: null, cancellationToken));

    private async Task ExecuteAsync(SqlStatement statement, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        // Migrations may legitimately run for hours (index builds, backfills): no command timeout.
        await using var command = new NpgsqlCommand(statement.Text, Connection, transaction) { CommandTimeout = 0 };
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new StatementFailedException(statement, PostgreSqlErrors.Describe(e), PostgreSqlErrors.LineInStatement(statement.Text, e.Position), e);
        }
        catch (NpgsqlException e)
        {
            throw new StatementFailedException(statement, e.Message, inner: e);
        }
        catch (InvalidOperationException e)
        {
            // The driver's transaction state changed under it (e.g. a COMMIT that got past the build's check):
            // a recorded failure, never a crash.
            throw new StatementFailedException(statement, e.Message, inner: e);
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
