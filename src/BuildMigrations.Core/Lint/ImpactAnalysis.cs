using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Lint;

/// <summary>
/// The expected impact of a script, statement by statement, from the documented behaviour of each recognised form
/// (<see cref="PostgreSqlLocks"/>, <see cref="MySqlAlgorithms"/>); plan adds the live table sizes.
/// </summary>
public static class ImpactAnalysis
{
    private static readonly string[] MySqlOrder = ["INSTANT", "INPLACE", "COPY"];

    /// <summary>The impact of each statement of <paramref name="script"/> on <paramref name="engine"/>.</summary>
    public static IReadOnlyList<StatementImpact> Analyze(string script, string engine)
    {
        var impacts = new List<StatementImpact>();
        var created = new HashSet<string>(StringComparer.Ordinal);
        var mySql = engine is EngineNames.MySql or EngineNames.MariaDb;
        foreach (var statement in MigrationLinter.Split(script, engine))
        {
            var actions = StatementRecognizer.Recognize(statement.Text, engine);
            var existing = actions.Where(a => a.Kind != SqlActionKind.CreateTable && a.Table is not null && !created.Contains(a.Table.Key)).ToList();
            string? lockTaken = null;
            var rewrites = false;
            foreach (var action in existing)
            {
                var (mode, rewrite) = mySql ? MySqlAlgorithms.For(action)
                    // SQLite has no table locks: a writer holds the whole database until it commits.
                    : engine == EngineNames.Sqlite ? ("database write lock", false)
                    : PostgreSqlLocks.For(action);
                lockTaken = mySql ? StrongerAlgorithm(lockTaken, mode) : PostgreSqlLocks.Strongest(lockTaken, mode);
                rewrites |= rewrite;
            }
            impacts.Add(new StatementImpact(
                statement.Line,
                FirstLine(statement.Text),
                actions.SelectMany(Objects).Distinct().ToList(),
                existing.Select(a => a.Table!).DistinctBy(t => t.ToString().ToLowerInvariant()).ToList(),
                lockTaken,
                rewrites));
            created.UnionWith(actions.Where(a => a.Kind == SqlActionKind.CreateTable).Select(a => a.Table!.Key));
        }
        return impacts;
    }

    private static IEnumerable<string> Objects(SqlAction action)
    {
        var table = action.Table?.ToString();
        if (table is not null)
            yield return action.Kind == SqlActionKind.DropSchema ? $"schema {table}" : $"table {table}";
        if (action.Object is null)
            yield break;
        yield return action.Kind switch
        {
            SqlActionKind.CreateIndex or SqlActionKind.DropIndex or SqlActionKind.AddIndex or SqlActionKind.Cluster => $"index {action.Object}",
            SqlActionKind.AddForeignKey or SqlActionKind.AddCheck or SqlActionKind.AddUnique or SqlActionKind.AddPrimaryKey or SqlActionKind.ValidateConstraint => $"constraint {action.Object}",
            SqlActionKind.Reindex => $"{action.Object.ToLowerInvariant()} {table}",
            _ => $"column {action.Table?.Name}.{action.Object}",
        };
    }

    private static string? StrongerAlgorithm(string? a, string? b) =>
        a is null || (b is not null && Array.IndexOf(MySqlOrder, b) > Array.IndexOf(MySqlOrder, a)) ? b : a;

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length <= 100 ? line : line[..97] + "...";
    }
}
