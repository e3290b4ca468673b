using BuildMigrations.Core.Sql;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines;

/// <summary>The plain way to run a script that is not transactional, for engines that cannot (or must not) batch it.</summary>
public static class RecordedRuns
{
    /// <summary>Appends the running row, runs the statements one request each, then marks the row applied.</summary>
    public static async Task StatementByStatementAsync(
        IMigrationEngine engine, HistoryRecord running, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken, Action<int>? onStatement = null)
    {
        var id = await engine.AppendHistoryAsync(running, cancellationToken);
        try
        {
            await engine.RunEachAsync(statements, cancellationToken, onStatement);
        }
        catch (StatementFailedException e)
        {
            e.HistoryId = id;
            throw;
        }
        await engine.CompleteHistoryAsync(running with { Id = id, Status = HistoryStatus.Applied, FinishedAt = DateTimeOffset.UtcNow }, cancellationToken);
    }
}
