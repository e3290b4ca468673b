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
            // Set with the lock, which every command that changes the database takes first.
            await using var check = new NpgsqlCommand("SET client_connection_check_interval = '1s'", Connection);
            await check.ExecuteNonQueryAsync(cancellationToken);
        }
        _clientChecked = true;
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
        // Read at once rather than asking first whether the table exists: one round trip for every deploy with
        // nothing to apply. A missing table (or schema) is an empty history; nothing is created.
        await using var command = new NpgsqlCommand(HistoryColumns.Select(detail, _sql.Table, _sql.Select), Connection);
        try
        {
            return await HistoryColumns.ReadAllAsync(command, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return [];
        }
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

    public Task RunInTransactionAsync(IReadOnlyList<SqlStatement> statements, Func<HistoryRecord> recordAfter, CancellationToken cancellationToken, Action<int>? onStatement = null) =>
        RunTransactionsAsync([new TransactionalScript(statements, recordAfter)], new SingleScriptProgress(onStatement), cancellationToken);

    /// <summary>
    /// One round trip for a whole series: each script's statements, its history row and its COMMIT go in one batch,
    /// script after script, each between its own BEGIN and COMMIT. The server stops at the first failing statement
    /// and skips the rest of the batch, so what committed before it stays and the failing script's transaction is
    /// rolled back. A row's times are the server's (its transaction's start, the clock when it is written): the batch
    /// is sent before any script runs.
    /// </summary>
    public async Task RunTransactionsAsync(IReadOnlyList<TransactionalScript> scripts, ISeriesProgress progress, CancellationToken cancellationToken)
    {
        await PrepareHistoryWritesAsync(scripts, cancellationToken);
        // Migrations may legitimately run for hours (index builds, backfills): no timeout.
        await using var batch = new NpgsqlBatch(Connection) { Timeout = 0 };
        // Which script and statement each command of the batch belongs to (a failure names its command), and what
        // each marker result means, in order.
        var owners = new List<(int Script, int Statement)>();
        var markers = new List<(int Script, int Statement)>();
        void Add(string sql, int script, int statement, HistoryRecord? record = null)
        {
            var command = new NpgsqlBatchCommand(sql);
            if (record is not null)
                HistoryColumns.Bind(command, record);
            batch.BatchCommands.Add(command);
            owners.Add((script, statement));
        }
        for (var i = 0; i < scripts.Count; i++)
        {
            var statements = scripts[i].Statements;
            var last = Math.Max(statements.Count - 1, 0);
            Add("BEGIN", i, 0);
            for (var j = 0; j < statements.Count; j++)
            {
                Add(statements[j].Text, i, j);
                if (j < last)
                {
                    Add(StatementMarker.Sql, i, j);
                    markers.Add((i, j + 1));
                }
            }
            if (MeasureLocks)
                Add(LocksSql, i, last);
            Add(_sql.InsertTimedByServer, i, last, scripts[i].RecordAfter());
            Add("COMMIT", i, last);
            // After the COMMIT: the script is done only once its transaction is (a deferred constraint fails there).
            Add(StatementMarker.Sql, i, last);
            markers.Add((i, -1));
        }

        var (script, statement) = (0, 0);
        try
        {
            progress.Started(0);
            if (scripts[0].Statements.Count > 0)
                progress.Statement(0, 0);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var marker = 0;
            do
            {
                if (StatementMarker.IsCurrent(reader))
                {
                    (script, statement) = markers[marker++];
                    if (statement >= 0)
                    {
                        progress.Statement(script, statement);
                        continue;
                    }
                    progress.Finished(script);
                    if (script + 1 == scripts.Count)
                        continue;
                    (script, statement) = (script + 1, 0);
                    progress.Started(script);
                    if (scripts[script].Statements.Count > 0)
                        progress.Statement(script, 0);
                }
                else if (MeasureLocks && reader.FieldCount == 2 && reader.GetName(1) == LocksModeColumn)
                    _lastLocks = ReadLocks(reader);
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        catch (NpgsqlException e)
        {
            // The server's error names its command; a connection failing (the server went away) is the running one's.
            if (e is PostgresException { BatchCommand: { } failed })
                (script, statement) = owners[batch.BatchCommands.IndexOf(failed)];
            await RollBackQuietlyAsync();
            var statements = scripts[script].Statements;
            var failedStatement = statements.Count > 0 ? statements[Math.Min(statement, statements.Count - 1)] : new SqlStatement("COMMIT", 1);
            throw new StatementFailedException(failedStatement, Describe(e), LineIn(failedStatement, e), e) { ScriptIndex = script };
        }
    }

    /// <summary>Ends the failed script's transaction (the batch stopped inside it) so the session can record the failure.</summary>
    private async Task RollBackQuietlyAsync()
    {
        if (_connection is not { State: System.Data.ConnectionState.Open })
            return;
        try
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", Connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The session is gone: so is its transaction.
        }
    }

    // Prepared once per session, and used by every batch whose parameters have the same types (Npgsql matches them by
    // their text): parsing and planning the history insert cost the server more than many a small migration.
    private bool _historyWritesPrepared;

    private async Task PrepareHistoryWritesAsync(IReadOnlyList<TransactionalScript> scripts, CancellationToken cancellationToken)
    {
        // A script that deallocates prepared statements would pull them from under the scripts after it: such a
        // series runs unprepared, and the next one prepares again.
        if (scripts.Any(s => s.Statements.Any(statement => statement.Text.Contains("DEALLOCATE", StringComparison.OrdinalIgnoreCase))))
        {
            if (_historyWritesPrepared)
                Connection.UnprepareAll();
            _historyWritesPrepared = false;
            return;
        }
        if (_historyWritesPrepared)
            return;
        _historyWritesPrepared = true;
        await using var insert = new NpgsqlCommand(_sql.InsertTimedByServer, Connection);
        HistoryColumns.Bind(insert, scripts[0].RecordAfter());
        await insert.PrepareAsync(cancellationToken);
        await using var marker = new NpgsqlCommand(StatementMarker.Sql, Connection);
        await marker.PrepareAsync(cancellationToken);
    }

    private static string Describe(Exception e) => e is PostgresException server ? PostgreSqlErrors.Describe(server) : e.Message;

    private static int? LineIn(SqlStatement statement, Exception e) => e is PostgresException server ? PostgreSqlErrors.LineInStatement(statement.Text, server.Position) : null;

    private static StatementFailedException Failure(SqlStatement statement, Exception e) => new(statement, Describe(e), LineIn(statement, e), e);

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
