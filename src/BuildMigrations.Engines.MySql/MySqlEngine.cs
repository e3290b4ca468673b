using BuildMigrations.Core.Sql;
using BuildMigrations.Core.Sql.MySql;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines.MySql;

/// <summary>
/// MySQL and MariaDB through the official client. DDL commits implicitly, so there is no transactional DDL: the
/// executor records each migration as running before it starts and as applied after; a crash leaves it
/// failed. The deploy lock is GET_LOCK, held by the client session for the whole deploy.
/// </summary>
public sealed class MySqlEngine(string name, MySqlClientOptions options, HistoryTableName historyTable) : IMigrationEngine, Schema.ISchemaSnapshots
{
    private readonly MySqlHistorySql _sql = new(historyTable, options.Database);
    private MySqlClientSession? _session;

    /// <summary>An engine for a <c>mysql://</c> or <c>mariadb://</c> target.</summary>
    public static MySqlEngine For(ConnectionTarget target, string historyTable) =>
        new(target.Engine ?? Core.Model.EngineNames.MariaDb, MySqlClientOptions.From(target), HistoryTableName.Parse(historyTable, null));

    public string Name => name;

    public bool TransactionalDdl => false;

    private MySqlClientSession Session => _session ?? throw new InvalidOperationException("OpenAsync was not called");

    public async Task OpenAsync(CancellationToken cancellationToken) => _session = await MySqlClientSession.StartAsync(options, cancellationToken);

    public async Task<bool> TryAcquireLockAsync(CancellationToken cancellationToken) =>
        (await ScalarAsync($"SELECT GET_LOCK({MySqlLiteral.Text(_sql.LockName)}, 0)", cancellationToken)) == "1";

    public async Task ReleaseLockAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ScalarAsync($"SELECT RELEASE_LOCK({MySqlLiteral.Text(_sql.LockName)})", cancellationToken);
        }
        catch (MySqlSessionEndedException)
        {
            // The session is gone, and with it the lock.
        }
    }

    public Task EnsureHistoryAsync(CancellationToken cancellationToken) => CommandAsync(_sql.Create, cancellationToken);

    public async Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        if (await ScalarAsync(_sql.Exists, cancellationToken) == "0")
            return [];
        var result = await Session.ExecuteAsync(_sql.Select, cancellationToken);
        ThrowOn(result);
        return result.Rows.Select(MySqlHistoryRows.Read).ToList();
    }

    public async Task<long> AppendHistoryAsync(HistoryRecord record, CancellationToken cancellationToken)
    {
        await CommandAsync(_sql.Insert(record), cancellationToken);
        return long.Parse((await ScalarAsync("SELECT LAST_INSERT_ID()", cancellationToken))!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task CompleteHistoryAsync(HistoryRecord finished, CancellationToken cancellationToken) => CommandAsync(_sql.Complete(finished), cancellationToken);

    public IReadOnlyList<SqlStatement> Split(string script) => MySqlStatementSplitter.Split(script);

    public Task RunInTransactionAsync(IReadOnlyList<SqlStatement> statements, Func<HistoryRecord> recordAfter, CancellationToken cancellationToken) =>
        throw new NotSupportedException("MySQL and MariaDB commit DDL implicitly; the executor runs their scripts statement by statement");

    public async Task RunEachAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            MySqlResult result;
            try
            {
                result = await Session.ExecuteAsync(statement.Text, cancellationToken);
            }
            catch (MySqlSessionEndedException e)
            {
                throw new StatementFailedException(statement, e.Message, inner: e);
            }
            if (result.Error is not null)
                throw new StatementFailedException(statement, result.Error, MySqlErrors.Line(result.Error));
        }
    }

    public Task<Schema.SchemaSnapshot> SnapshotAsync(CancellationToken cancellationToken) => MySqlSnapshot.ReadAsync(Session, historyTable.Table, cancellationToken);

    public Task<string?> DescribeLeftoversAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    private async Task CommandAsync(string sql, CancellationToken cancellationToken) => ThrowOn(await Session.ExecuteAsync(sql, cancellationToken));

    private async Task<string?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        var result = await Session.ExecuteAsync(sql, cancellationToken);
        ThrowOn(result);
        return result.Rows.Count > 0 ? result.Rows[0][0] : null;
    }

    private static void ThrowOn(MySqlResult result)
    {
        if (result.Error is not null)
            throw new MySqlCommandException(result.Error);
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
            await _session.DisposeAsync();
    }
}

/// <summary>A history or lock command failed (not a migration statement): surfaced like a driver error.</summary>
public sealed class MySqlCommandException(string message) : System.Data.Common.DbException(message);
