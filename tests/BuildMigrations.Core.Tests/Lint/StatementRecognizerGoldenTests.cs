using System.Text;
using BuildMigrations.Core.Lint;
using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Tests.Lint;

/// <summary>
/// Compares what the recogniser reads from RecognizerGolden/ENGINE.sql with ENGINE.expected.txt, one line per
/// statement and action. Run with UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff.
/// </summary>
public class StatementRecognizerGoldenTests
{
    [Theory]
    [InlineData(EngineNames.PostgreSql)]
    [InlineData(EngineNames.MySql)]
    public void Recognized_actions_match_the_golden_file(string engine)
    {
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lint", "RecognizerGolden", $"{engine}.sql")).ReplaceLineEndings("\n");
        var actual = Render(script, engine);
        // Read beside the test binaries; rewritten in the source tree (found from the binaries: CI maps source paths to /_/).
        var expectedFile = Path.Combine(AppContext.BaseDirectory, "Lint", "RecognizerGolden", $"{engine}.expected.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(SourceFolder(), $"{engine}.expected.txt"), actual);
            File.WriteAllText(expectedFile, actual);
        }
        Assert.True(File.Exists(expectedFile), $"no {expectedFile}; run the tests with UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(expectedFile).ReplaceLineEndings("\n"), actual);
    }

    private static string Render(string script, string engine)
    {
        var text = new StringBuilder();
        foreach (var statement in MigrationLinter.Split(script, engine))
        {
            var actions = StatementRecognizer.Recognize(statement.Text, engine);
            if (actions.Count == 0)
                text.Append(statement.Line).Append(": -\n");
            foreach (var action in actions)
                text.Append(statement.Line).Append(": ").Append(Describe(action)).Append('\n');
        }
        return text.ToString();
    }

    private static string Describe(SqlAction a)
    {
        var flags = new[]
        {
            (a.Concurrently, "concurrently"), (a.Unique, "unique"), (a.NotNull, "not-null"), (a.HasDefault, "default"),
            (a.VolatileDefault, "volatile"), (a.NotValid, "not-valid"), (a.UsingIndex, "using-index"),
        }.Where(f => f.Item1).Select(f => f.Item2).ToList();
        if (a.NewName is not null)
            flags.Add($"to={a.NewName}");
        if (a.Algorithm is not null)
            flags.Add($"algorithm={a.Algorithm}");
        return $"{a.Kind} {a.Table?.ToString() ?? "-"} {a.Object ?? "-"}{(flags.Count == 0 ? "" : " [" + string.Join(", ", flags) + "]")}";
    }

    private static string SourceFolder() =>
        Path.Combine(BuildMigrations.TestSupport.Corpora.RepositoryRoot(), "tests", "BuildMigrations.Core.Tests", "Lint", "RecognizerGolden");
}
