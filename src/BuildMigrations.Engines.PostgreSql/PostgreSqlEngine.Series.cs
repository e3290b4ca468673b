using System.Buffers;
using BuildMigrations.Core.Sql;
using BuildMigrations.Engines.History;
using Npgsql;

namespace BuildMigrations.Engines.PostgreSql;

/// <summary>Transactional scripts, many per round trip.</summary>
public sealed partial class PostgreSqlEngine
{
    public Task RunInTransactionAsync(IReadOnlyList<SqlStatement> statements, Func<HistoryRecord> recordAfter, CancellationToken cancellationToken, Action<int>? onStatement = null) =>
        RunTransactionsAsync([new TransactionalScript(statements, recordAfter)], new SingleScriptProgress(onStatement), cancellationToken);

    /// <summary>
    /// A series in as few round trips as it can: each script's statements, its history row and its COMMIT go in one
    /// batch, script after script, each between its own BEGIN and COMMIT and followed by an error barrier (a Sync).
    /// The server stops a script at its first failing statement and leaves its transaction aborted, so every later
    /// script fails at its BEGIN and nothing after the failure runs; what committed before it stays. The barrier
    /// also makes the server send each script's results as it ends, so progress is seen as it happens. A row's times
    /// are the server's (its transaction's start, the clock when it is written): the batch is sent before any script runs.
    /// </summary>
    public async Task RunTransactionsAsync(IReadOnlyList<TransactionalScript> scripts, ISeriesProgress progress, CancellationToken cancellationToken)
    {
        for (var first = 0; first < scripts.Count;)
        {
            var end = first + 1;
            while (end < scripts.Count && !MayFailAtCommit(scripts[end - 1]))
                end++;
            await RunBatchAsync(scripts, first, end, progress, cancellationToken);
            first = end;
        }
    }

    /// <summary>
    /// A failure at a COMMIT ends the transaction instead of leaving it aborted, and the next script would run.
    /// Deferred constraints are checked before each COMMIT; what is left is a serializable transaction's
    /// serialization failure, so a script that sets an isolation level is the last of its request.
    /// </summary>
    private static bool MayFailAtCommit(TransactionalScript script) =>
        script.Statements.Any(s => s.Text.AsSpan().ContainsAny(IsolationWords));

    // Searched in every statement of a deploy: one vectorized search for all words, case-insensitively (a
    // string.Contains with OrdinalIgnoreCase takes a slow per-character path under invariant globalization).
    private static readonly SearchValues<string> IsolationWords = SearchValues.Create(["ISOLATION", "SERIALIZABLE"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> DeallocatingWords = SearchValues.Create(["DEALLOCATE", "DISCARD"], StringComparison.OrdinalIgnoreCase);

    private async Task RunBatchAsync(IReadOnlyList<TransactionalScript> scripts, int first, int end, ISeriesProgress progress, CancellationToken cancellationToken)
    {
        await PrepareHistoryWritesAsync(scripts, first, end, cancellationToken);
        // Migrations may legitimately run for hours (index builds, backfills): no timeout.
        await using var batch = new NpgsqlBatch(Connection) { Timeout = 0 };
        // Which script and statement each command belongs to (a failure names its command), and what each marker
        // result means, in order: the statement that starts next, or (-1) that the script committed.
        var owners = new List<(int Script, int Statement)>();
        var markers = new List<(int Script, int Statement)>();
        NpgsqlBatchCommand Add(string sql, int script, int statement)
        {
            var command = new NpgsqlBatchCommand(sql);
            batch.BatchCommands.Add(command);
            owners.Add((script, statement));
            return command;
        }
        for (var i = first; i < end; i++)
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
            Add("SET CONSTRAINTS ALL IMMEDIATE", i, last);
            HistoryColumns.Bind(Add(_sql.InsertTimedByServer, i, last), scripts[i].RecordAfter());
            Add("COMMIT", i, last);
            // After the COMMIT, in a transaction of its own that the barrier ends: the script is done once its
            // transaction is, and the next one's BEGIN starts afresh (SET TRANSACTION must come before any query).
            Add(StatementMarker.Sql, i, last).AppendErrorBarrier = true;
            markers.Add((i, -1));
        }

        var (script, statement) = (first, 0);
        try
        {
            progress.Started(first);
            if (scripts[first].Statements.Count > 0)
                progress.Statement(first, 0);
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
                    if (script + 1 == end)
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
        catch (Exception e)
        {
            // Whatever stopped the batch (an error, a cancel), the session must leave the failed script's transaction.
            await RollBackQuietlyAsync();
            // After the first error every later script fails at its BEGIN: Npgsql reports them all together.
            IReadOnlyList<Exception> errors = e is NpgsqlException { InnerException: AggregateException all } ? all.InnerExceptions : [e];
            var firstError = errors.FirstOrDefault(x => x is not PostgresException { SqlState: PostgresErrorCodes.InFailedSqlTransaction }) ?? errors[0];
            if (firstError is not NpgsqlException failure)
            {
                // A cancel (or anything but the server's error) is that, not the aborted transactions after it.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(firstError);
                throw;
            }
            // The server's error names its command; a connection failing (the server went away) is the running one's.
            if (failure is PostgresException { BatchCommand: { } failed })
                (script, statement) = owners[batch.BatchCommands.IndexOf(failed)];
            else if (statement < 0)
                throw; // every script had committed
            var statements = scripts[script].Statements;
            var failedStatement = statements.Count > 0 ? statements[Math.Min(statement, statements.Count - 1)] : new SqlStatement("COMMIT", 1);
            var named = Failure(failedStatement, failure);
            named.ScriptIndex = script;
            throw named;
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
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            // The session is gone or broken: so is its transaction.
        }
    }

    // The history insert and the marker, prepared once per session and used by every batch whose parameters have the
    // same types (Npgsql matches them by text): parsing and planning the insert cost the server more than many a small
    // migration.
    private bool _historyWritesPrepared;

    // A statement run since may have deallocated them (DEALLOCATE, DISCARD ALL), which Npgsql cannot know.
    private bool _preparedMayBeGone;

    private static bool MayDeallocate(SqlStatement statement) => statement.Text.AsSpan().ContainsAny(DeallocatingWords);

    private async Task PrepareHistoryWritesAsync(IReadOnlyList<TransactionalScript> scripts, int first, int end, CancellationToken cancellationToken)
    {
        var deallocates = false;
        for (var i = first; i < end && !deallocates; i++)
            deallocates = scripts[i].Statements.Any(MayDeallocate);
        if ((_preparedMayBeGone || deallocates) && _historyWritesPrepared)
        {
            Connection.UnprepareAll();
            _historyWritesPrepared = false;
        }
        // A batch that may deallocate them runs unprepared: they would be pulled from under the scripts after it.
        _preparedMayBeGone = deallocates;
        if (_historyWritesPrepared || deallocates)
            return;
        await using var batch = new NpgsqlBatch(Connection);
        var insert = new NpgsqlBatchCommand(_sql.InsertTimedByServer);
        HistoryColumns.Bind(insert, scripts[first].RecordAfter());
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(StatementMarker.Sql));
        await batch.PrepareAsync(cancellationToken);
        _historyWritesPrepared = true;
    }
}
