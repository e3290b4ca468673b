using System.Runtime.CompilerServices;
using System.Text;
using BuildMigrations.Core.Sql;
using BuildMigrations.Core.Sql.Sqlite;

namespace BuildMigrations.Core.Tests.Sql.Sqlite;

public class SqliteStatementSplitterTests
{
    private static readonly SplitterGoldenFiles Golden = new("Sqlite", SqliteStatementSplitter.Split, ThisFolder());

    private static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string[] Texts(string script) =>
        SqliteStatementSplitter.Split(script).Select(statement => statement.Text).ToArray();

    public static TheoryData<string> GoldenCases() => new(Golden.CaseNames());

    [Fact]
    public void Golden_folder_has_enough_cases_each_with_its_expected_output()
    {
        var cases = Golden.CaseNames();
        Assert.True(cases.Count >= 8, $"only {cases.Count} golden cases were copied beside the tests");
        Assert.All(cases, name => Assert.True(Golden.HasExpected(name) || SplitterGoldenFiles.Updating,
            $"{name}.sql has no {name}.expected.txt; run the tests with UPDATE_GOLDEN=1 and review it"));
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Splits_as_the_golden_file_says(string name) => Golden.Check(name);

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t\r\f")]
    [InlineData(";;\n;")]
    [InlineData("-- only a comment\n/* and a block */")]
    [InlineData("/* unterminated; SELECT 1;")]
    public void Whitespace_comments_and_empty_statements_give_no_statements(string script) =>
        Assert.Empty(SqliteStatementSplitter.Split(script));

    [Fact]
    public void Null_is_refused() => Assert.Throws<ArgumentNullException>(() => SqliteStatementSplitter.Split(null!));

    [Fact]
    public void A_final_statement_without_a_semicolon_is_returned() =>
        Assert.Equal(["SELECT 1", "SELECT 2"], Texts("SELECT 1;\nSELECT 2\n"));

    [Theory]
    [InlineData("SELECT ';'; SELECT 2", "SELECT ';'")]
    [InlineData("SELECT 'it'';s'; SELECT 2", "SELECT 'it'';s'")]
    [InlineData("SELECT \"a;\"\"b\"; SELECT 2", "SELECT \"a;\"\"b\"")]
    [InlineData("SELECT `a;``b`; SELECT 2", "SELECT `a;``b`")]
    [InlineData("SELECT [a;\"b]; SELECT 2", "SELECT [a;\"b]")]
    [InlineData("SELECT 1 -- x;\n; SELECT 2", "SELECT 1")]
    [InlineData("SELECT 1 /* x; */ + 1; SELECT 2", "SELECT 1 /* x; */ + 1")]
    public void Semicolons_inside_strings_identifiers_and_comments_do_not_split(string script, string first) =>
        Assert.Equal([first, "SELECT 2"], Texts(script));

    [Fact]
    public void Block_comments_do_not_nest()
    {
        // In PostgreSQL this would be one comment; in SQLite the first */ closes it.
        Assert.Equal(["SELECT 1", "SELECT 2"], Texts("/* a /* b */ SELECT 1; /* c */ SELECT 2"));
    }

    [Fact]
    public void A_bracket_identifier_has_no_escape_and_ends_at_the_first_bracket() =>
        Assert.Equal(["SELECT [a]", "]"], Texts("SELECT [a];]"));

    [Fact]
    public void A_trigger_keeps_its_body_whole_and_case_end_does_not_close_it()
    {
        const string script =
            "CREATE TRIGGER t AFTER INSERT ON x BEGIN\n" +
            "  UPDATE x SET a = CASE WHEN NEW.a THEN 1 ELSE 2 END;\n" +
            "  SELECT CASE NEW.b WHEN 1 THEN 'one' END;\n" +
            "END;\n" +
            "SELECT 3";

        var statements = SqliteStatementSplitter.Split(script);

        Assert.Equal([1, 5], statements.Select(s => s.Line));
        Assert.EndsWith("THEN 'one' END;\nEND", statements[0].Text);
        Assert.Equal("SELECT 3", statements[1].Text);
    }

    [Fact]
    public void Begin_and_end_outside_a_trigger_are_ordinary_statements() =>
        Assert.Equal(["BEGIN", "CREATE TABLE t (a)", "END", "BEGIN TRANSACTION", "COMMIT"],
            Texts("BEGIN; CREATE TABLE t (a); END; BEGIN TRANSACTION; COMMIT"));

    [Fact]
    public void Trigger_keyword_only_counts_right_after_create_or_create_temp()
    {
        Assert.Equal(["SELECT trigger FROM t", "SELECT 2"], Texts("SELECT trigger FROM t; SELECT 2"));
        Assert.Equal(["CREATE TABLE trigger_log (a)", "SELECT 2"], Texts("CREATE TABLE trigger_log (a); SELECT 2"));
        Assert.Single(Texts("EXPLAIN CREATE TEMPORARY TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END"));
    }

    [Fact]
    public void Lines_count_newlines_inside_strings_and_comments()
    {
        const string script = "/* one\ntwo */ SELECT 'a\nb';\n\n-- x\nSELECT [c\nd];\nSELECT 3";

        Assert.Equal([2, 6, 8], SqliteStatementSplitter.Split(script).Select(s => s.Line));
    }

    [Fact]
    public void A_one_megabyte_script_splits_in_linear_time()
    {
        var builder = new StringBuilder();
        var count = 0;
        while (builder.Length < 1_000_000)
        {
            builder.Append("-- statement ").Append(count).Append('\n')
                .Append("INSERT INTO \"t;x\" VALUES ('it''s; ok', [a;b], `c;d`) /* ; */;\n");
            count++;
        }
        // One huge unfinished trigger: every '; END' candidate is checked once.
        builder.Append("CREATE TRIGGER t AFTER INSERT ON x BEGIN ").Append(string.Concat(Enumerable.Repeat("SELECT CASE WHEN 1 THEN 2 END; ", 20_000)));

        var statements = SqliteStatementSplitter.Split(builder.ToString());

        Assert.Equal(count + 1, statements.Count);
        Assert.Equal(2 * count + 1, statements[^1].Line);
        SplitterGoldenFiles.AssertLinesPointAtStatements(builder.ToString(), statements);
    }
}
