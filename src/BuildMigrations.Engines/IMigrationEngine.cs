using BuildMigrations.Core.Sql;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines;

/// <summary>
/// A database engine: the small set of operations the executor needs. The executor owns every decision
/// (what to run, in which order, what to record); an engine only talks to its database.
/// </summary>
/// <remarks>
/// Checklist for implementing a new engine:
/// <list type="number">
/// <item><see cref="OpenAsync"/> opens ONE session that lives until disposal: the deploy lock belongs to it.</item>
/// <item><see cref="TryAcquireLockAsync"/> tries once and returns at once (the executor polls, so a waiting
/// deployer never holds a snapshot or blocks a CONCURRENTLY build). The lock must be released by the server
/// when the session ends, so a killed deployer leaves no lock behind. Name it after the history table so two
/// products sharing a server do not block each other.</item>
/// <item><see cref="EnsureHistoryAsync"/> creates the history table if missing, with a column for every
/// <see cref="HistoryRecord"/> property; <see cref="ReadHistoryAsync"/> returns an empty list when it does
/// not exist (status must not create it).</item>
/// <item><see cref="Split"/> splits a script into statements exactly as the server would read them
/// (strings, quoted identifiers, comments, procedural bodies), with each statement's line.</item>
/// <item><see cref="RunInTransactionAsync"/> runs the statements and appends the record in ONE transaction,
/// or throws <see cref="NotSupportedException"/> if <see cref="TransactionalDdl"/> is false.</item>
/// <item><see cref="RunEachAsync"/> runs statements one by one, each committed on its own.</item>
/// <item>Both call <c>onStatement</c> with a statement's index just before sending it (progress on long scripts).</item>
/// <item>Both throw <see cref="StatementFailedException"/> naming the failing statement; no other exception
/// may carry SQL errors, and no message may contain the connection's password.</item>
/// <item>Run the conformance suite (tests/BuildMigrations.Engines.Conformance) against a real server.</item>
/// </list>
/// </remarks>
public interface IMigrationEngine : IAsyncDisposable
{
    /// <summary>The engine name, as in bundle.json (<c>postgresql</c>, <c>mariadb</c>, ...).</summary>
    string Name { get; }

    /// <summary>
    /// True when DDL is transactional, so a migration and its history row can commit together. When false, the
    /// executor records a migration as running before it starts and as applied after it.
    /// </summary>
    bool TransactionalDdl { get; }

    /// <summary>
    /// True when reading the history can wait behind another deployer's write (SQLite's database lock): a deploy then
    /// reads only under the deploy lock, never first without it.
    /// </summary>
    bool ReadsWaitForWriters => false;

    /// <summary>
    /// A warning, once open, when the database does not exist and this session reads it as empty instead of creating
    /// it (a SQLite file opened for a command that changes nothing); null otherwise.
    /// </summary>
    Core.Diagnostics.Diagnostic? MissingDatabase => null;

    /// <summary>Opens the session used for everything else.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>Tries once to take the deploy lock for this session; true when it is now held.</summary>
    Task<bool> TryAcquireLockAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether another session holds the deploy lock now, asked without taking it (status tells a deploy in progress
    /// from an interrupted one); null when the engine cannot tell.
    /// </summary>
    Task<bool?> IsLockHeldElsewhereAsync(CancellationToken cancellationToken) => Task.FromResult<bool?>(null);

    /// <summary>Releases the deploy lock.</summary>
    Task ReleaseLockAsync(CancellationToken cancellationToken);

    /// <summary>Creates the history table if it does not exist.</summary>
    Task EnsureHistoryAsync(CancellationToken cancellationToken);

    /// <summary>Every history row, oldest first, with the columns <paramref name="detail"/> asks for; empty when there is no history table.</summary>
    Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(CancellationToken cancellationToken, HistoryDetail detail = HistoryDetail.Full);

    /// <summary>Appends a row in its own transaction; returns its id.</summary>
    Task<long> AppendHistoryAsync(HistoryRecord record, CancellationToken cancellationToken);

    /// <summary>Marks a running row as finished (applied or failed), with the failure's details.</summary>
    Task CompleteHistoryAsync(HistoryRecord finished, CancellationToken cancellationToken);

    /// <summary>Splits a script into statements.</summary>
    IReadOnlyList<SqlStatement> Split(string script);

    /// <summary>Runs the statements and appends the record <paramref name="recordAfter"/> makes, in one transaction (the engine may write the row's times itself).</summary>
    Task RunInTransactionAsync(IReadOnlyList<SqlStatement> statements, Func<HistoryRecord> recordAfter, CancellationToken cancellationToken, Action<int>? onStatement = null);

    /// <summary>
    /// Runs transactional scripts in order, each with its history row in a transaction of its own, stopping at the first
    /// failure: what committed before it stays, the failing one leaves nothing. The failure is a
    /// <see cref="StatementFailedException"/> naming the script (<see cref="StatementFailedException.ScriptIndex"/>).
    /// Engines that can send several scripts in one round trip do.
    /// </summary>
    Task RunTransactionsAsync(IReadOnlyList<TransactionalScript> scripts, ISeriesProgress progress, CancellationToken cancellationToken) =>
        ScriptSeries.TransactionalOneByOneAsync(this, scripts, progress, cancellationToken);

    /// <summary>Runs the statements one by one, each committed on its own.</summary>
    Task RunEachAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken, Action<int>? onStatement = null);

    /// <summary>
    /// Runs the statements of a script that is not transactional, recorded as they go: <paramref name="running"/> is
    /// appended before the first statement and marked applied after the last. A failing statement throws
    /// <see cref="StatementFailedException"/> carrying the running row's id, for the failure record. Engines that can
    /// send it all in one round trip do.
    /// </summary>
    Task RunRecordedAsync(HistoryRecord running, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken, Action<int>? onStatement = null) =>
        RecordedRuns.StatementByStatementAsync(this, running, statements, cancellationToken, onStatement);

    /// <summary>
    /// Runs scripts that are not transactional in order, each recorded as in <see cref="RunRecordedAsync(HistoryRecord, IReadOnlyList{SqlStatement}, CancellationToken, Action{int}?)"/>,
    /// stopping at the first failure, which names the script (<see cref="StatementFailedException.ScriptIndex"/>) and its
    /// running row. Engines that can send several scripts in one round trip do.
    /// </summary>
    Task RunRecordedAsync(IReadOnlyList<RecordedScript> scripts, ISeriesProgress progress, CancellationToken cancellationToken) =>
        ScriptSeries.RecordedOneByOneAsync(this, scripts, progress, cancellationToken);

    /// <summary>What a failed non-transactional script left behind that needs attention (e.g. invalid indexes); null if nothing.</summary>
    Task<string?> DescribeLeftoversAsync(CancellationToken cancellationToken);
}
