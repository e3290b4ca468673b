using System.Text;
using BuildMigrations.Core.Sql;

namespace BuildMigrations.Core.Tests.Sql;

/// <summary>
/// The golden files of one dialect's splitter: <c>Sql/DIALECT/SplitterGolden/NAME.sql</c> and the statements
/// expected from it in <c>NAME.expected.txt</c>, copied beside the tests. With <c>UPDATE_GOLDEN=1</c> the
/// expected files are rewritten in the source folder instead, for review in the diff.
/// </summary>
internal sealed class SplitterGoldenFiles(string dialect, Func<string, IReadOnlyList<SqlStatement>> split, string sourceFolder)
{
    private const string FolderName = "SplitterGolden";

    private string OutputFolder => Path.Combine(AppContext.BaseDirectory, "Sql", dialect, FolderName);

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <summary>Every case, by file name without extension, in ordinal order.</summary>
    public IReadOnlyList<string> CaseNames() =>
        Directory.EnumerateFiles(OutputFolder, "*.sql").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList()!;

    public bool HasExpected(string name) => File.Exists(Path.Combine(OutputFolder, name + ".expected.txt"));

    /// <summary>Asserts that the case splits as expected, and that each statement's line points at it.</summary>
    public void Check(string name)
    {
        var script = File.ReadAllText(Path.Combine(OutputFolder, name + ".sql")).ReplaceLineEndings("\n");
        var statements = split(script);
        var actual = Render(statements);
        if (Updating)
        {
            File.WriteAllText(Path.Combine(sourceFolder, FolderName, name + ".expected.txt"), actual);
            return;
        }
        Assert.Equal(File.ReadAllText(Path.Combine(OutputFolder, name + ".expected.txt")).ReplaceLineEndings("\n"), actual);
        AssertLinesPointAtStatements(script, statements);
    }

    /// <summary>Each statement's first line must appear, in order, at the line it claims to start on.</summary>
    public static void AssertLinesPointAtStatements(string script, IReadOnlyList<SqlStatement> statements)
    {
        var lines = script.Split('\n');
        var previous = 1;
        foreach (var statement in statements)
        {
            Assert.InRange(statement.Line, previous, lines.Length);
            Assert.Contains(statement.Text.Split('\n')[0], lines[statement.Line - 1]);
            previous = statement.Line;
        }
    }

    private static string Render(IReadOnlyList<SqlStatement> statements) =>
        statements.Count == 0
            ? "(no statements)\n"
            : string.Join('\n', statements.Select((s, i) => $"--- statement {i + 1} (line {s.Line})\n{s.Text}\n"));
}
