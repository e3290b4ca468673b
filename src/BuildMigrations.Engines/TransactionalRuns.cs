using BuildMigrations.Core.Sql;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines;

/// <summary>A script to run in its own transaction, committed with the history row <see cref="RecordAfter"/> makes.</summary>
public sealed record TransactionalScript(IReadOnlyList<SqlStatement> Statements, Func<HistoryRecord> RecordAfter);

/// <summary>What happens to a series of transactional scripts, in order, as the server gets to it.</summary>
public interface ITransactionalProgress
{
    /// <summary>Script <paramref name="script"/> (0-based in the series) starts.</summary>
    void Started(int script);

    /// <summary>Its statement <paramref name="statement"/> (0-based) starts.</summary>
    void Statement(int script, int statement);

    /// <summary>It committed, with its history row.</summary>
    void Committed(int script);
}

/// <summary>The plain way to run a series of transactional scripts: one <see cref="IMigrationEngine.RunInTransactionAsync"/> each.</summary>
public static class TransactionalRuns
{
    public static async Task OneByOneAsync(IMigrationEngine engine, IReadOnlyList<TransactionalScript> scripts, ITransactionalProgress progress, CancellationToken cancellationToken)
    {
        for (var i = 0; i < scripts.Count; i++)
        {
            var script = i;
            progress.Started(script);
            try
            {
                await engine.RunInTransactionAsync(scripts[script].Statements, scripts[script].RecordAfter, cancellationToken, statement => progress.Statement(script, statement));
            }
            catch (StatementFailedException e)
            {
                e.ScriptIndex = script;
                throw;
            }
            progress.Committed(script);
        }
    }
}
