using BuildMigrations.Core.Sql;

namespace BuildMigrations.Engines;

/// <summary>How every engine walks a script's statements: report each one's index (progress), then run it.</summary>
public static class StatementLoop
{
    public static async Task RunAsync(IReadOnlyList<SqlStatement> statements, Action<int>? onStatement, Func<SqlStatement, Task> run)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            onStatement?.Invoke(i);
            await run(statements[i]);
        }
    }
}
