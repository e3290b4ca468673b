using BuildMigrations.Core.Sql.PostgreSql;
using BuildMigrations.Core.Sql;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Core.Tests.Sql.PostgreSql;

public class PostgreSqlStatementSplitterTests
{
    private const string GoldenFolderName = "SplitterGolden";
    private const string Corpus = "mattermost/postgres";

    private static string CorpusFolder => Corpora.Folder(Corpus);

    private static string[] Texts(string script) =>
        PostgreSqlStatementSplitter.Split(script).Select(statement => statement.Text).ToArray();

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n")]
    [InlineData(";;\n;")]
    [InlineData("-- only a comment\n/* and /* a nested */ one */\n")]
    public void Split_NothingButWhitespaceCommentsOrSemicolons_ReturnsEmptyList(string script)
    {
        Assert.Empty(PostgreSqlStatementSplitter.Split(script));
    }

    [Fact]
    public void Split_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => PostgreSqlStatementSplitter.Split(null!));
    }

    [Fact]
    public void Split_FinalStatementWithoutSemicolon_IsReturned()
    {
        Assert.Equal(["SELECT 1", "SELECT 2"], Texts("SELECT 1;\nSELECT 2\n"));
    }

    [Fact]
    public void Split_ReportsLineOfFirstTokenAfterMultiLineCommentsAndStrings()
    {
        const string script =
            "/* header\n   spans\n   lines */\n" + // lines 1-3
            "SELECT 'a\nb\nc';\n" +                // lines 4-6: string spans three lines
            "\n" +                                  // line 7
            "-- note\n" +                           // line 8
            "  CREATE TABLE t (\n    id int\n);" + // lines 9-11
            " SELECT 3;";                           // line 11, after the previous ';'

        var statements = PostgreSqlStatementSplitter.Split(script);

        Assert.Equal([4, 9, 11], statements.Select(statement => statement.Line));
        Assert.Equal("SELECT 'a\nb\nc'", statements[0].Text);
        Assert.Equal("CREATE TABLE t (\n    id int\n)", statements[1].Text);
    }

    [Fact]
    public void Split_KeepsInnerCommentsButDropsLeadingAndTrailingOnes()
    {
        const string script = "-- leading\nSELECT 1 /* inner; */ + 2 -- trailing\n;";

        Assert.Equal(["SELECT 1 /* inner; */ + 2"], Texts(script));
    }

    [Fact]
    public void Split_PositionalParameters_AreNotDollarQuotes()
    {
        const string script = "PREPARE p AS SELECT $1, $2 FROM t WHERE a = $1; EXECUTE p(1, 2); SELECT $1$";

        Assert.Equal(["PREPARE p AS SELECT $1, $2 FROM t WHERE a = $1", "EXECUTE p(1, 2)", "SELECT $1$"], Texts(script));
    }

    [Fact]
    public void Split_DollarInsideIdentifier_DoesNotStartDollarQuote()
    {
        // If "$b$" in "a$b$c" opened a dollar quote, "$b$" later on would close it and swallow the ';'.
        const string script = "SELECT a$b$c FROM t; SELECT x$b$;\nSELECT 3";

        Assert.Equal(["SELECT a$b$c FROM t", "SELECT x$b$", "SELECT 3"], Texts(script));
    }

    [Fact]
    public void Split_DollarQuoteClosesOnlyOnExactTag()
    {
        const string script = "SELECT $a$ x; $b$ y; $A$ z; $ab$ $a$; SELECT 2";

        Assert.Equal(["SELECT $a$ x; $b$ y; $A$ z; $ab$ $a$", "SELECT 2"], Texts(script));
    }

    [Fact]
    public void Split_DollarQuoteEndsAtFirstExactDelimiter_EvenWhereItOverlapsAnotherTag()
    {
        // As in PostgreSQL, "$x$$" inside a $$ quote contains "$$" and so closes it.
        Assert.Equal(["SELECT $$a$x$$", "SELECT 2"], Texts("SELECT $$a$x$$; SELECT 2"));
    }

    [Fact]
    public void Split_EscapeStringPrefix_OnlyWhenStandalone()
    {
        // "value" ends in 'e' but is an identifier, so its string is plain and the backslash literal.
        Assert.Equal(["SELECT value'a\\'", "SELECT 2"], Texts("SELECT value'a\\'; SELECT 2"));
        Assert.Equal(["SELECT 'a\\'", "SELECT 2"], Texts("SELECT 'a\\'; SELECT 2"));
        Assert.Equal(["SELECT e'a\\'; b'", "SELECT 2"], Texts("SELECT e'a\\'; b'; SELECT 2"));
    }

    [Theory]
    [InlineData("SELECT 1; SELECT 'abc; SELECT 3;\n", "SELECT 'abc; SELECT 3;")]
    [InlineData("SELECT 1; SELECT \"abc; SELECT 3;", "SELECT \"abc; SELECT 3;")]
    [InlineData("SELECT 1; DO $x$ BEGIN; END $$; SELECT 3;", "DO $x$ BEGIN; END $$; SELECT 3;")]
    [InlineData("SELECT 1; SELECT E'abc\\'; SELECT 3;", "SELECT E'abc\\'; SELECT 3;")]
    [InlineData("SELECT 1; SELECT 2 /* a /* b */ ; SELECT 3;", "SELECT 2 /* a /* b */ ; SELECT 3;")]
    [InlineData("SELECT 1;\n/* unterminated; SELECT 3;", "/* unterminated; SELECT 3;")]
    [InlineData("SELECT 1; SELECT E'ends in a backslash\\", "SELECT E'ends in a backslash\\")]
    public void Split_UnterminatedConstruct_ReturnsRemainderAsLastStatement(string script, string last)
    {
        Assert.Equal(["SELECT 1", last], Texts(script));
    }

    [Fact]
    public void Split_PlainTransactionAndCaseKeywords_DoNotAffectSplitting()
    {
        const string script = "BEGIN; SELECT CASE WHEN x THEN 1 END FROM t; END; BEGIN WORK; COMMIT";

        Assert.Equal(["BEGIN", "SELECT CASE WHEN x THEN 1 END FROM t", "END", "BEGIN WORK", "COMMIT"], Texts(script));
    }

    [Fact]
    public void Split_BeginAtomicSeparatedByComment_StillOpensBody()
    {
        const string script = "CREATE PROCEDURE p() LANGUAGE sql begin -- why not\n/* x */ Atomic INSERT INTO t VALUES (1); END; SELECT 2";

        Assert.Equal(2, Texts(script).Length);
        Assert.EndsWith("INSERT INTO t VALUES (1); END", Texts(script)[0]);
    }

    [Fact]
    public void Split_ReservedWordsUsedAsColumnNamesOrAliases_DoNotCloseAtomicBody()
    {
        const string script =
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC\n" +
            "  SELECT r.end AS case FROM ranges r;\n" +
            "  SELECT CASE WHEN true THEN 1 END AS end;\n" +
            "END;\nSELECT 2";

        var texts = Texts(script);

        Assert.Equal(2, texts.Length);
        Assert.EndsWith("AS end;\nEND", texts[0]);
        Assert.Equal("SELECT 2", texts[1]);
    }

    [Fact]
    public void Split_OneMegabyteScript_FindsEveryStatement()
    {
        var builder = new StringBuilder();
        int count = 0;
        while (builder.Length < 1_000_000)
        {
            builder.Append("-- statement ").Append(count).Append('\n')
                .Append("INSERT INTO \"t;x\" VALUES ('it''s; ok', E'\\';', $q$;$q$, a$b) /* ; /* ; */ */;\n");
            count++;
        }

        // Also a single huge statement: unmatched '$' signs and nested comment openers everywhere.
        builder.Append("SELECT ").Append(string.Concat(Enumerable.Repeat("$a /* ", 20_000)));

        var statements = PostgreSqlStatementSplitter.Split(builder.ToString());

        Assert.Equal(count + 1, statements.Count);
        Assert.Equal(2 * count + 1, statements[^1].Line);
    }

    private static List<string> GoldenCaseNames() =>
        Directory.EnumerateFiles(GoldenOutputFolder, "*.sql")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string> GoldenCases() => new(GoldenCaseNames());

    [Fact]
    public void GoldenFolder_HasEnoughCasesEachWithExpectedOutput()
    {
        var cases = GoldenCaseNames();

        Assert.True(cases.Count >= 8, $"Only {cases.Count} golden cases were found in {GoldenOutputFolder}.");
        Assert.All(cases, name => Assert.True(
            File.Exists(Path.Combine(GoldenOutputFolder, name + ".expected.txt")) || UpdatingGolden,
            $"{name}.sql has no {name}.expected.txt; run the tests with UPDATE_GOLDEN=1 and review it."));
    }

    /// <summary>
    /// Compares each SplitterGolden/NAME.sql with NAME.expected.txt. Run with UPDATE_GOLDEN=1 to
    /// rewrite the expected files in the source folder, then review the diff before committing.
    /// </summary>
    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Split_MatchesGoldenFile(string name)
    {
        string script = File.ReadAllText(Path.Combine(GoldenOutputFolder, name + ".sql")).ReplaceLineEndings("\n");
        string actual = Render(PostgreSqlStatementSplitter.Split(script));

        if (UpdatingGolden)
        {
            File.WriteAllText(Path.Combine(GoldenSourceFolder(), name + ".expected.txt"), actual);
            return;
        }

        string expected = File.ReadAllText(Path.Combine(GoldenOutputFolder, name + ".expected.txt")).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
        AssertLinesPointAtStatements(script, PostgreSqlStatementSplitter.Split(script));
    }

    [CorpusFact(Corpus)]
    public void Split_MattermostCorpus_ProducesSaneStatements()
    {

        var files = Directory.GetFiles(CorpusFolder, "*.sql");
        Assert.NotEmpty(files);
        foreach (string path in files)
        {
            string script = File.ReadAllText(path).ReplaceLineEndings("\n");
            var statements = PostgreSqlStatementSplitter.Split(script);

            Assert.All(statements, statement =>
            {
                Assert.False(string.IsNullOrWhiteSpace(statement.Text), path);
                Assert.False(statement.Text.StartsWith(';') || statement.Text.EndsWith(';'), $"{path}: {statement.Text}");
                Assert.True(CountOccurrences(statement.Text, "$$") % 2 == 0, $"{path}, line {statement.Line}: a $$ block was cut.");
            });
            AssertLinesPointAtStatements(script, statements);
        }
    }

    /// <summary>Each statement's first line must appear, in order, at the line it claims to start on.</summary>
    private static void AssertLinesPointAtStatements(string script, IReadOnlyList<SqlStatement> statements)
    {
        string[] lines = script.Split('\n');
        int previousLine = 1;
        foreach (var statement in statements)
        {
            Assert.InRange(statement.Line, previousLine, lines.Length);
            Assert.Contains(statement.Text.Split('\n')[0], lines[statement.Line - 1]);
            previousLine = statement.Line;
        }
    }

    private static string Render(IReadOnlyList<SqlStatement> statements)
    {
        if (statements.Count == 0)
            return "(no statements)\n";

        var builder = new StringBuilder();
        for (int i = 0; i < statements.Count; i++)
        {
            if (i > 0)
                builder.Append('\n');
            builder.Append($"--- statement {i + 1} (line {statements[i].Line})\n").Append(statements[i].Text).Append('\n');
        }

        return builder.ToString();
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static bool UpdatingGolden => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    private static string GoldenOutputFolder => Path.Combine(AppContext.BaseDirectory, "Sql", "PostgreSql", GoldenFolderName);

    private static string GoldenSourceFolder([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, GoldenFolderName);
}
