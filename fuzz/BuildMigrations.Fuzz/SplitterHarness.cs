using System.Text;
using BuildMigrations.Core.Sql;
using BuildMigrations.Core.Sql.MySql;
using BuildMigrations.Core.Sql.PostgreSql;

namespace BuildMigrations.Fuzz;

/// <summary>
/// The statement splitters never throw, run in linear time (a slow input is a hang for AFL's timeout), and
/// return statements that are non-empty pieces of the script, in script order, on non-decreasing lines.
/// </summary>
internal static class SplitterHarness
{
    public static string RunPostgreSql(byte[] input) => Run(input, PostgreSqlStatementSplitter.Split);

    public static string RunMySql(byte[] input) => Run(input, MySqlStatementSplitter.Split);

    private static string Run(byte[] input, Func<string, IReadOnlyList<SqlStatement>> split)
    {
        var script = Encoding.UTF8.GetString(input);
        var statements = split(script);
        var lineCount = script.Count(c => c == '\n') + 1;
        var cursor = 0;
        var previousLine = 1;
        var newlinesBeforeCursor = 0;
        foreach (var statement in statements)
        {
            Expect.That(statement.Text.Length > 0 && statement.Text.Trim().Length > 0, "no statement is empty");
            var at = script.IndexOf(statement.Text, cursor, StringComparison.Ordinal);
            Expect.That(at >= 0, "statements appear in the script, in order, without overlapping");
            // The first occurrence found may be earlier than the statement itself (e.g. the same text in a comment),
            // so its line is a lower bound for the statement's.
            // Counted from the cursor on, so the harness itself stays linear and AFL's timeout only catches the splitter.
            var lowestLine = 1 + newlinesBeforeCursor + script.AsSpan(cursor, at - cursor).Count('\n');
            Expect.That(statement.Line >= lowestLine && statement.Line <= lineCount, "a statement's line is where it can start");
            Expect.That(statement.Line >= previousLine, "lines never decrease");
            newlinesBeforeCursor += script.AsSpan(cursor, at + statement.Text.Length - cursor).Count('\n');
            cursor = at + statement.Text.Length;
            previousLine = statement.Line;
        }
        return $"{statements.Count} statements";
    }
}
