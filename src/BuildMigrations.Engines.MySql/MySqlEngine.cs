using System.Buffers;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Sql;
using BuildMigrations.Core.Sql.MySql;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.History;
using BuildMigrations.Engines.Schema;
using MySqlConnector;

namespace BuildMigrations.Engines.MySql;

/// <summary>
/// MySQL and MariaDB through MySqlConnector. DDL commits implicitly, so there is no transactional DDL: the
/// executor records each migration as running before it starts and as applied after; a crash leaves it failed.
/// The deploy lock is GET_LOCK, held by this engine's one session for the whole deploy; the server frees it when
/// the session ends, which for a killed deployer is when the server notices the closed connection (at once while
/// idle, or when the running statement ends; see docs/deploy.md).
/// </summary>
public sealed partial class MySqlEngine(string name, MySqlConnectionStringBuilder settings, HistoryTableName historyTable) : IMigrationEngine, ISchemaSnapshots
{
    private readonly MySqlHistorySql _sql = new(historyTable, settings.Database);
    private MySqlConnection? _connection;

    /// <summary>An engine for a <c>mysql://</c> or <c>mariadb://</c> target (or an ADO.NET string).</summary>
    public static MySqlEngine For(ConnectionTarget target, string historyTable) =>
        new(target.Engine ?? Core.Model.EngineNames.MariaDb, MySqlConnections.ToBuilder(target), HistoryTableName.Parse(historyTable, null));

    public string Name => name;

    public bool TransactionalDdl => false;

    private MySqlConnection Connection => _connection ?? throw new InvalidOperationException("OpenAsync was not called");

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is MySqlException or ArgumentException or TimeoutException or InvalidOperationException)
        {
            await connection.DisposeAsync();
            throw new DiagnosticException(DeployProblems.CannotConnect(e is MySqlException m ? MySqlErrors.Describe(m) : e.Message), e);
        }
        _connection = connection;
    }

    public async Task<bool> TryAcquireLockAsync(CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync("SELECT GET_LOCK(@name, 0)", cancellationToken, ("name", _sql.LockName)), System.Globalization.CultureInfo.InvariantCulture) == 1;

    public async Task<bool?> IsLockHeldElsewhereAsync(CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT IS_USED_LOCK(@name)", cancellationToken, ("name", _sql.LockName)) is { } holder and not DBNull
        && Convert.ToInt64(holder, System.Globalization.CultureInfo.InvariantCulture) != Connection.ServerThread;

    public async Task ReleaseLockAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { State: System.Data.ConnectionState.Open })
            return; // a broken session released its lock when the server dropped it
        await ScalarAsync("SELECT RELEASE_LOCK(@name)", cancellationToken, ("name", _sql.LockName));
    }

    // Made sure of once per session: the executor asks before every command that writes, and the check is DDL.
    private bool _historyReady;

    public async Task EnsureHistoryAsync(CancellationToken cancellationToken)
    {
        if (_historyReady)
            return;
        await using var command = new MySqlCommand(_sql.Create, Connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        // History tables made by earlier versions lack the command column (MySQL 8 has no ADD COLUMN IF NOT EXISTS).
        if (await NeedsCommandColumnAsync(cancellationToken) == true)
        {
            await using var add = new MySqlCommand(_sql.AddCommandColumn, Connection);
            await add.ExecuteNonQueryAsync(cancellationToken);
        }
        _historyReady = true;
    }

    /// <summary>Whether the history table lacks the command column (null: there is none); throws BM5037 when it is not a history table.</summary>
    private async Task<bool?> NeedsCommandColumnAsync(CancellationToken cancellationToken)
    {
        await using var columns = new MySqlCommand(MySqlHistorySql.ColumnCounts, Connection);
        columns.Parameters.AddWithValue("schema", _sql.Schema);
        columns.Parameters.AddWithValue("table", _sql.TableName);
        return await HistoryTableShape.NeedsCommandColumnAsync(columns, _sql.Table, cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(CancellationToken cancellationToken, HistoryDetail detail = HistoryDetail.Full)
    {
        // Read at once rather than asking first whether the table exists: one round trip for every deploy with
        // nothing to apply. A missing table (or database) is an empty history; nothing is created.
        var select = HistoryColumns.Select(detail, _sql.Table, _sql.Select);
        try
        {
            return await ReadAsync(select, cancellationToken);
        }
        catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase)
        {
            return [];
        }
        catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.BadFieldError)
        {
            // Another table is refused (BM5037); one made before the command column is read without it.
            if (await NeedsCommandColumnAsync(cancellationToken) != true)
                throw;
            return await ReadAsync(HistoryColumns.WithoutCommandColumn(select), cancellationToken);
        }
    }

    private async Task<IReadOnlyList<HistoryRecord>> ReadAsync(string select, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(select, Connection);
        return await HistoryColumns.ReadAllAsync(command, cancellationToken);
    }

    public async Task<long> AppendHistoryAsync(HistoryRecord record, CancellationToken cancellationToken)
    {
        // A running row's start and finish are both the server's clock, as in a batched script.
        await using var command = new MySqlCommand(record.Status == HistoryStatus.Running ? _sql.InsertRunning : _sql.Insert, Connection);
        HistoryColumns.Bind(command, record);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return command.LastInsertedId;
    }

    public async Task CompleteHistoryAsync(HistoryRecord finished, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(_sql.Complete, Connection);
        HistoryColumns.Bind(command, finished);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public IReadOnlyList<SqlStatement> Split(string script) => MySqlStatementSplitter.Split(script);

    public Task RunInTransactionAsync(IReadOnlyList<SqlStatement> statements, Func<HistoryRecord> recordAfter, CancellationToken cancellationToken, Action<int>? onStatement = null) =>
        throw new NotSupportedException("MySQL and MariaDB commit DDL implicitly; the executor runs their scripts statement by statement");

    public async Task RunEachAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken, Action<int>? onStatement = null)
    {
        await StartInTargetDatabaseAsync(cancellationToken);
        await StatementLoop.RunAsync(statements, onStatement, statement => ExecuteAsync(statement, cancellationToken));
    }

    /// <summary>Every script starts in the target database, whatever USE an earlier one said.</summary>
    private async Task StartInTargetDatabaseAsync(CancellationToken cancellationToken)
    {
        if (Connection.Database != settings.Database)
            await Connection.ChangeDatabaseAsync(settings.Database, cancellationToken);
    }

    // A script's first result in a batch: its running row's id (a statement marker follows each statement).
    private const string RunningIdColumn = "buildmigrations_history_id";

    public Task RunRecordedAsync(HistoryRecord running, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken, Action<int>? onStatement = null) =>
        RunRecordedAsync([new RecordedScript(statements, () => running)], new SingleScriptProgress(onStatement), cancellationToken);

    /// <summary>
    /// One round trip for a run of scripts: each one's running row, its statements and its applied mark, script after
    /// script, go as one multi-statement request, which the server runs in order and stops at the first error, leaving
    /// that script's row running for the failure record. Scripts that must run statement by statement go alone.
    /// </summary>
    public async Task RunRecordedAsync(IReadOnlyList<RecordedScript> scripts, ISeriesProgress progress, CancellationToken cancellationToken)
    {
        for (var first = 0; first < scripts.Count;)
        {
            if (MustRunStatementByStatement(scripts[first].Statements))
            {
                var alone = scripts[first];
                await ScriptSeries.RunOneAsync(first, progress, onStatement =>
                    RecordedRuns.StatementByStatementAsync(this, alone.Running(), alone.Statements, cancellationToken, onStatement));
                first++;
                continue;
            }
            var end = first + 1;
            while (end < scripts.Count && !MustRunStatementByStatement(scripts[end].Statements) && !ChangesQuoting(scripts[end - 1]))
                end++;
            await RunBatchedAsync(scripts, first, end, progress, cancellationToken);
            first = end;
        }
    }

    /// <summary>
    /// The history rows of a request are quoted by the client, for the session's sql_mode, before it is sent: a script
    /// that may change it (NO_BACKSLASH_ESCAPES) is the last of its request.
    /// </summary>
    private static bool ChangesQuoting(RecordedScript script) =>
        script.Statements.Any(s => s.Text.AsSpan().ContainsAny(SqlModeWord));

    // Searched in every statement of a deploy: vectorized and case-insensitive (a string.Contains with
    // OrdinalIgnoreCase takes a slow per-character path under invariant globalization).
    private static readonly SearchValues<string> SqlModeWord = SearchValues.Create(["sql_mode"], StringComparison.OrdinalIgnoreCase);

    private async Task RunBatchedAsync(IReadOnlyList<RecordedScript> scripts, int first, int end, ISeriesProgress progress, CancellationToken cancellationToken)
    {
        await StartInTargetDatabaseAsync(cancellationToken);
        // Migrations may legitimately run for hours (index builds, backfills): no timeout.
        await using var batch = new MySqlBatch(Connection) { Timeout = 0 };
        // MariaDB keeps the running row's id and returns it in one statement; MySQL 8 deprecates assigning a variable
        // in a SELECT (and warns), so there it takes a SET and a SELECT. Every statement counts: a migration's
        // bookkeeping costs MariaDB more than a DROP TABLE.
        var keepsIdInOneStatement = Connection.ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        for (var i = first; i < end; i++)
        {
            // Every script starts in the target database, whatever USE the one before it said.
            if (i > first && scripts[i - 1].Statements.Any(s => MaySwitchDatabase.IsMatch(s.Text)))
                batch.BatchCommands.Add(new MySqlBatchCommand(_sql.UseDatabase));
            var insert = new MySqlBatchCommand(_sql.InsertRunning);
            HistoryColumns.Bind(insert, scripts[i].Running());
            batch.BatchCommands.Add(insert);
            if (keepsIdInOneStatement)
                batch.BatchCommands.Add(new MySqlBatchCommand($"SELECT {MySqlHistorySql.RunningId} := LAST_INSERT_ID() AS {RunningIdColumn}"));
            else
            {
                batch.BatchCommands.Add(new MySqlBatchCommand($"SET {MySqlHistorySql.RunningId} = LAST_INSERT_ID()"));
                batch.BatchCommands.Add(new MySqlBatchCommand($"SELECT {MySqlHistorySql.RunningId} AS {RunningIdColumn}"));
            }
            foreach (var statement in scripts[i].Statements)
            {
                batch.BatchCommands.Add(new MySqlBatchCommand(statement.Text));
                batch.BatchCommands.Add(new MySqlBatchCommand(StatementMarker.Sql));
            }
            batch.BatchCommands.Add(new MySqlBatchCommand(_sql.CompleteRunning));
        }

        // Where the server is: the script whose row was written last, and its statement running (-1 until the row is
        // written; its statement count once the last one is done and the row is being marked).
        var (script, running, id) = (first, -1, 0L);
        // A cancel ends the session instead of the driver's KILL QUERY (so the reads below take no token): that ends only
        // the running statement, and one that ends without an error (SLEEP, a query cut short) lets the server go on with
        // the rest of the request, later migrations included. Ending the session stops the request where it is: the
        // migration in progress stays recorded as running.
        cancellationToken.ThrowIfCancellationRequested(); // a cancel before the request is sent: none of it runs
        var session = Connection.ServerThread;
        await using var stop = cancellationToken.Register(() => _ = EndSessionAsync(session, batch));
        try
        {
            progress.Started(first);
            await using var reader = await batch.ExecuteReaderAsync(CancellationToken.None);
            do
            {
                if (reader.FieldCount == 1 && reader.GetName(0) == RunningIdColumn && await reader.ReadAsync(CancellationToken.None))
                {
                    if (running >= 0)
                    {
                        // The row of the one before was marked: that script is done.
                        progress.Finished(script);
                        progress.Started(++script);
                    }
                    id = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
                    running = 0;
                }
                else if (StatementMarker.IsCurrent(reader))
                    running++;
                else
                    continue;
                if (running < scripts[script].Statements.Count)
                    progress.Statement(script, running);
            }
            while (await reader.NextResultAsync(CancellationToken.None));
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            throw new OperationCanceledException("the deploy was cancelled and its session ended", e, cancellationToken);
        }
        catch (MySqlException e) when (running >= 0 && running < scripts[script].Statements.Count)
        {
            var message = MySqlErrors.Describe(e);
            throw new StatementFailedException(scripts[script].Statements[running], message, MySqlErrors.Line(message), e) { HistoryId = id, ScriptIndex = script };
        }
        progress.Finished(script);
    }

    /// <summary>
    /// Ends session <paramref name="serverThread"/> from a second connection. Through a load balancer that connection may
    /// reach another server, where the id is someone else's session: it kills only a session of this user in this
    /// database. When it cannot, the driver's own cancel of <paramref name="batch"/> (the running statement) is used.
    /// </summary>
    private async Task EndSessionAsync(int serverThread, MySqlBatch batch)
    {
        try
        {
            await using var other = new MySqlConnection(settings.ConnectionString);
            await other.OpenAsync();
            await using var ours = new MySqlCommand(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = @id AND DB = @db AND USER = SUBSTRING_INDEX(CURRENT_USER(), '@', 1)", other);
            ours.Parameters.AddWithValue("id", serverThread);
            ours.Parameters.AddWithValue("db", settings.Database);
            if (Convert.ToInt64(await ours.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1)
            {
                await using var kill = new MySqlCommand($"KILL CONNECTION {serverThread}", other);
                await kill.ExecuteNonQueryAsync();
                return;
            }
        }
        catch (Exception e) when (e is MySqlException or InvalidOperationException or IOException)
        {
        }
        try
        {
            batch.Cancel();
        }
        catch (Exception e) when (e is MySqlException or InvalidOperationException or ObjectDisposedException)
        {
        }
    }

    // Any word USE, even in a comment or a name: a needless USE between two scripts costs little.
    [System.Text.RegularExpressions.GeneratedRegex(@"\bUSE\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex MaySwitchDatabase { get; }

    // One request is one packet: max_allowed_packet is 4 MB on MySQL 5.7 (16 MB on MariaDB, 64 MB on MySQL 8).
    private const int MaxBatchedScriptChars = 1 << 20;

    // Session values a statement can read about the one before it, which a marker SELECT in between would change.
    private static readonly SearchValues<string> ReadsThePreviousStatement =
        SearchValues.Create(["ROW_COUNT", "FOUND_ROWS", "DIAGNOSTICS", "WARNING", "ERROR_COUNT", "SHOW ERRORS"], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A large script (bulk inserts) could exceed the server's packet limit as one request, and a script that reads
    /// what its previous statement did (ROW_COUNT(), SHOW WARNINGS ...) would read the marker's instead: these run
    /// one statement per request.
    /// </summary>
    private static bool MustRunStatementByStatement(IReadOnlyList<SqlStatement> statements) =>
        statements.Sum(s => s.Text.Length) > MaxBatchedScriptChars
        || statements.Any(s => s.Text.AsSpan().ContainsAny(ReadsThePreviousStatement));

    private async Task ExecuteAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
        // A statement the driver's cancel cut short may end without an error (SLEEP): the next one must not start.
        cancellationToken.ThrowIfCancellationRequested();
        // Migrations may legitimately run for hours (index builds, backfills): no command timeout.
        await using var command = new MySqlCommand(statement.Text, Connection) { CommandTimeout = 0 };
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (MySqlException e)
        {
            var message = MySqlErrors.Describe(e);
            throw new StatementFailedException(statement, message, MySqlErrors.Line(message), e);
        }
    }

    public Task<SchemaSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        MySqlSnapshot.ReadAsync(Connection, _sql.Schema, historyTable.Table, cancellationToken);

    public Task<string?> DescribeLeftoversAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new MySqlCommand(sql, Connection);
        foreach (var (parameterName, value) in parameters)
            command.Parameters.AddWithValue(parameterName, value);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
