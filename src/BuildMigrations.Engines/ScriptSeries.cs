using BuildMigrations.Core.Sql;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines;

/// <summary>A script to run in its own transaction, committed with the history row <see cref="RecordAfter"/> makes.</summary>
public sealed record TransactionalScript(IReadOnlyList<SqlStatement> Statements, Func<HistoryRecord> RecordAfter);

/// <summary>A script that is not transactional: recorded as <see cref="Running"/> before it starts and marked applied after.</summary>
public sealed record RecordedScript(IReadOnlyList<SqlStatement> Statements, Func<HistoryRecord> Running);

/// <summary>What happens to a series of scripts, in order, as the engine learns of it (a batch's results come back as the server sends them).</summary>
public interface ISeriesProgress
{
    /// <summary>Script <paramref name="script"/> (0-based in the series) starts.</summary>
    void Started(int script);

    /// <summary>Its statement <paramref name="statement"/> (0-based) starts.</summary>
    void Statement(int script, int statement);

    /// <summary>It finished and is recorded: committed with its history row, or marked applied.</summary>
    void Finished(int script);
}

/// <summary>The plain way to run a series: one script after the other, through the engine's single-script methods.</summary>
public static class ScriptSeries
{
    public static Task TransactionalOneByOneAsync(IMigrationEngine engine, IReadOnlyList<TransactionalScript> scripts, ISeriesProgress progress, CancellationToken cancellationToken) =>
        OneByOneAsync(scripts.Count, progress, (i, onStatement) =>
            engine.RunInTransactionAsync(scripts[i].Statements, scripts[i].RecordAfter, cancellationToken, onStatement));

    public static Task RecordedOneByOneAsync(IMigrationEngine engine, IReadOnlyList<RecordedScript> scripts, ISeriesProgress progress, CancellationToken cancellationToken) =>
        OneByOneAsync(scripts.Count, progress, (i, onStatement) =>
            engine.RunRecordedAsync(scripts[i].Running(), scripts[i].Statements, cancellationToken, onStatement));

    private static async Task OneByOneAsync(int count, ISeriesProgress progress, Func<int, Action<int>, Task> run)
    {
        for (var i = 0; i < count; i++)
        {
            var script = i;
            await RunOneAsync(script, progress, onStatement => run(script, onStatement));
        }
    }

    /// <summary>
    /// Runs script <paramref name="script"/> of a series on its own (<paramref name="run"/> gets its statement callback):
    /// its progress told, a failure naming it.
    /// </summary>
    public static async Task RunOneAsync(int script, ISeriesProgress progress, Func<Action<int>, Task> run)
    {
        progress.Started(script);
        try
        {
            await run(statement => progress.Statement(script, statement));
        }
        catch (StatementFailedException e)
        {
            e.ScriptIndex = script;
            throw;
        }
        progress.Finished(script);
    }
}

/// <summary>The progress of a series of one script, told to a single script's statement callback.</summary>
public sealed class SingleScriptProgress(Action<int>? onStatement) : ISeriesProgress
{
    public void Started(int script)
    {
    }

    public void Statement(int script, int statement) => onStatement?.Invoke(statement);

    public void Finished(int script)
    {
    }
}
