using BuildMigrations.Core.Sql.MySql;
using BuildMigrations.Core.Sql;
using Xunit;
using BuildMigrations.TestSupport;
using System.Runtime.CompilerServices;
using System.Text;

namespace BuildMigrations.Core.Tests.Sql.MySql;

public class MySqlStatementSplitterTests
{
    private const string Corpus = "authelia/mysql";

    private static string CorpusDir => Corpora.Folder(Corpus);

    // ---------- golden files ----------

    public static TheoryData<string> GoldenNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(GoldenDir(Path.Combine(AppContext.BaseDirectory, "Sql", "MySql")), "*.sql").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Fact]
    public void Golden_files_are_present()
    {
        Assert.True(GoldenNames().Count >= 8, "SplitterGolden/*.sql was not copied to the output folder.");
    }

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void Golden(string name)
    {
        var script = File.ReadAllText(Path.Combine(GoldenDir(Path.Combine(AppContext.BaseDirectory, "Sql", "MySql")), name + ".sql")).Replace("\r\n", "\n");
        var actual = Render(MySqlStatementSplitter.Split(script));

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            // Write next to the sources (reviewed and committed) and to the output copy.
            File.WriteAllText(Path.Combine(GoldenDir(SourceDir()), name + ".expected.txt"), actual);
            File.WriteAllText(Path.Combine(GoldenDir(Path.Combine(AppContext.BaseDirectory, "Sql", "MySql")), name + ".expected.txt"), actual);
            return;
        }

        var expectedPath = Path.Combine(GoldenDir(Path.Combine(AppContext.BaseDirectory, "Sql", "MySql")), name + ".expected.txt");
        Assert.True(File.Exists(expectedPath), $"Missing {name}.expected.txt (run with UPDATE_GOLDEN=1 and review it).");
        Assert.Equal(File.ReadAllText(expectedPath).Replace("\r\n", "\n"), actual);
    }

    private static string Render(IReadOnlyList<SqlStatement> statements)
    {
        if (statements.Count == 0)
            return "(no statements)\n";
        var text = new StringBuilder();
        for (int i = 0; i < statements.Count; i++)
        {
            if (i > 0)
                text.Append('\n');
            text.Append($"--- statement {i + 1} (line {statements[i].Line})\n{statements[i].Text}\n");
        }
        return text.ToString();
    }

    private static string GoldenDir(string root) => Path.Combine(root, "SplitterGolden");

    private static string SourceDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    // ---------- unit tests ----------

    private static (string Text, int Line)[] Split(string script) =>
        [.. MySqlStatementSplitter.Split(script).Select(s => (s.Text, s.Line))];

    [Fact]
    public void Empty_input_gives_no_statements()
    {
        Assert.Empty(Split(""));
        Assert.Empty(Split(" \n\t\n"));
        Assert.Empty(Split(";;\n;"));
    }

    [Fact]
    public void Line_numbers_count_newlines_inside_strings_and_comments()
    {
        var script = "SELECT 'a\nb\nc';\n/* one\ntwo\n*/ SELECT 2;\n-- x\n\n  SELECT `x\ny`;\nSELECT \"q\n\";";
        Assert.Equal(
            [("SELECT 'a\nb\nc'", 1), ("SELECT 2", 6), ("SELECT `x\ny`", 9), ("SELECT \"q\n\"", 11)],
            Split(script));
    }

    [Fact]
    public void Delimiter_can_go_back_to_semicolon()
    {
        var script = "DELIMITER $$\nSELECT 1; SELECT 2$$\nDELIMITER ;\nSELECT 3; SELECT 4;\ndelimiter ;;\nSELECT 5; SELECT 6;;\n";
        Assert.Equal(
            [("SELECT 1; SELECT 2", 2), ("SELECT 3", 4), ("SELECT 4", 4), ("SELECT 5; SELECT 6", 6)],
            Split(script));
    }

    [Fact]
    public void Delimiter_is_only_a_command_at_line_start_outside_a_statement()
    {
        // Inside a statement the word is just text (here an identifier), as in the mysql client.
        Assert.Equal([("SELECT 1\nDELIMITER //", 1), ("SELECT 2", 2)], Split("SELECT 1\nDELIMITER //;SELECT 2;"));
        Assert.Equal([("SELECT delimiter FROM t", 1)], Split("SELECT delimiter FROM t;"));
        Assert.Equal([("SELECT 1", 1), ("DELIMITER $$\nSELECT 2", 1)], Split("SELECT 1; DELIMITER $$\nSELECT 2;"));
        Assert.Equal([("SELECT 2", 2)], Split("  \tDELIMITER $$ ignored\nSELECT 2$$"));
    }

    [Fact]
    public void Definer_forms_are_recognised()
    {
        foreach (var definer in new[] { "'o''brien'@'%'", "`ad``min`@`localhost`", "root@localhost", "CURRENT_USER()", "CURRENT_USER" })
        {
            var script = $"CREATE OR REPLACE DEFINER = {definer} PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND;\nSELECT 2;";
            Assert.Equal(
                [($"CREATE OR REPLACE DEFINER = {definer} PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND", 1), ("SELECT 2", 5)],
                Split(script));
        }
    }

    [Fact]
    public void Labels_on_blocks_and_loops()
    {
        var script = "CREATE PROCEDURE p()\nblk: BEGIN\n  l1: LOOP\n    LEAVE l1;\n  END LOOP l1;\n  w: WHILE 1 DO LEAVE w; END WHILE w;\nEND blk;\nSELECT 1;";
        var statements = Split(script);
        Assert.Equal(2, statements.Length);
        Assert.StartsWith("CREATE PROCEDURE p()", statements[0].Text);
        Assert.EndsWith("END blk", statements[0].Text);
        Assert.Equal(("SELECT 1", 8), statements[1]);
    }

    [Fact]
    public void Keywords_inside_strings_comments_and_backticks_do_not_count()
    {
        var script = "CREATE PROCEDURE p()\nBEGIN\n  SELECT 'END; BEGIN', `end`, \"END IF\"; -- END;\n  /* END; */ SELECT 1;\nEND;\nSELECT 'BEGIN';";
        var statements = Split(script);
        Assert.Equal(2, statements.Length);
        Assert.EndsWith("SELECT 1;\nEND", statements[0].Text);
        Assert.Equal(("SELECT 'BEGIN'", 6), statements[1]);
    }

    [Fact]
    public void Qualified_end_column_is_a_name()
    {
        var script = "CREATE PROCEDURE p()\nBEGIN\n  SELECT t.end, t.begin, @end FROM t;\n  UPDATE t SET t.end = 1;\nEND;\nSELECT 2;";
        var statements = Split(script);
        Assert.Equal(2, statements.Length);
        Assert.EndsWith("UPDATE t SET t.end = 1;\nEND", statements[0].Text);
        Assert.Equal(("SELECT 2", 6), statements[1]);

        // A column named "begin" in a single-statement body must not open a block either.
        Assert.Equal(
            [("CREATE FUNCTION f() RETURNS INT RETURN (SELECT begin FROM t LIMIT 1)", 1), ("CREATE TRIGGER g AFTER DELETE ON t FOR EACH ROW UPDATE u SET begin = 0", 1), ("SELECT 4", 1)],
            Split("CREATE FUNCTION f() RETURNS INT RETURN (SELECT begin FROM t LIMIT 1); CREATE TRIGGER g AFTER DELETE ON t FOR EACH ROW UPDATE u SET begin = 0; SELECT 4;"));

        // A table named "begin" in the trigger header must not open the body.
        Assert.Equal(
            [("CREATE TRIGGER trg BEFORE INSERT ON app.begin FOR EACH ROW SET NEW.a = 1", 1), ("SELECT 3", 2)],
            Split("CREATE TRIGGER trg BEFORE INSERT ON app.begin FOR EACH ROW SET NEW.a = 1;\nSELECT 3;"));
    }

    [Fact]
    public void Unterminated_string_or_comment_returns_the_remainder()
    {
        Assert.Equal([("SELECT 1", 1), ("SELECT 'abc;\ndef", 1)], Split("SELECT 1; SELECT 'abc;\ndef"));
        Assert.Equal([("SELECT `a;", 1)], Split("SELECT `a;"));
        Assert.Equal([("SELECT 1", 1)], Split("SELECT 1; /* never closed; SELECT 2;"));
        Assert.Equal([("SELECT 'x\\", 1)], Split("SELECT 'x\\"));
        Assert.Equal([("SELECT 'open", 1)], Split("SELECT 'open \n"));
    }

    [Fact]
    public void Plain_begin_is_a_transaction_statement()
    {
        Assert.Equal([("BEGIN", 1), ("SELECT 1", 1), ("END", 1)], Split("BEGIN; SELECT 1; END;"));
        Assert.Equal([("BEGIN NOT", 1), ("SELECT 1", 1)], Split("BEGIN NOT; SELECT 1;"));
    }

    [Fact]
    public void MariaDb_anonymous_block_is_one_statement()
    {
        var script = "BEGIN NOT ATOMIC\n  IF 1 THEN SELECT 1; END IF;\nEND;\nSELECT 2;";
        Assert.Equal([("BEGIN NOT ATOMIC\n  IF 1 THEN SELECT 1; END IF;\nEND", 1), ("SELECT 2", 4)], Split(script));
    }

    [Fact]
    public void Nested_if_in_else_and_mysqldump_style_executable_comments()
    {
        var nested = "CREATE PROCEDURE p() BEGIN IF a THEN SELECT 1; ELSE IF b THEN SELECT 2; END IF; END IF; END; SELECT 3;";
        Assert.Equal(
            [("CREATE PROCEDURE p() BEGIN IF a THEN SELECT 1; ELSE IF b THEN SELECT 2; END IF; END IF; END", 1), ("SELECT 3", 1)],
            Split(nested));

        var dump = "DELIMITER ;;\n/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END */;;\nDELIMITER ;\nSELECT 1;";
        Assert.Equal(
            [("/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END */", 2), ("SELECT 1", 4)],
            Split(dump));
    }

    [Fact]
    public void Megabyte_script_is_split()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 30_000; i++)
            text.Append("INSERT INTO t VALUES (").Append(i).Append(", 'x;y');\n");
        Assert.True(text.Length > 1_000_000);
        var statements = MySqlStatementSplitter.Split(text.ToString());
        Assert.Equal(30_000, statements.Count);
        Assert.Equal(("INSERT INTO t VALUES (29999, 'x;y')", 30_000), (statements[^1].Text, statements[^1].Line));
    }

    [Fact]
    public void Deeply_unbalanced_body_is_one_statement()
    {
        var body = string.Concat(Enumerable.Repeat("LOOP ", 20_000)) + string.Concat(Enumerable.Repeat("END IF; ", 20_000));
        var statements = MySqlStatementSplitter.Split($"CREATE PROCEDURE p() BEGIN {body}END;");
        Assert.Single(statements);
        Assert.EndsWith("END IF; END", statements[0].Text);
    }

    [Fact]
    public void Every_truncation_of_the_golden_scripts_splits_without_throwing()
    {
        foreach (var file in Directory.GetFiles(GoldenDir(Path.Combine(AppContext.BaseDirectory, "Sql", "MySql")), "*.sql"))
        {
            var script = File.ReadAllText(file);
            for (int length = 0; length <= script.Length; length++)
            {
                foreach (var statement in MySqlStatementSplitter.Split(script[..length]))
                    Assert.True(statement.Text.Length > 0 && statement.Text == statement.Text.Trim() && statement.Line >= 1,
                        $"{Path.GetFileName(file)}[..{length}]: line {statement.Line}: [{statement.Text}]");
            }
        }
    }

    // ---------- real-world corpus ----------

    [CorpusFact(Corpus)]
    public void Corpus_statements_never_start_or_end_with_semicolon()
    {
        foreach (var file in Directory.GetFiles(CorpusDir, "*.sql"))
        {
            foreach (var statement in MySqlStatementSplitter.Split(File.ReadAllText(file)))
            {
                Assert.False(statement.Text.StartsWith(';') || statement.Text.EndsWith(';'), $"{file}:{statement.Line}");
                Assert.Equal(statement.Text.Trim(), statement.Text);
            }
        }
    }

    [CorpusFact(Corpus)]
    public void Corpus_procedure_without_delimiter_is_one_statement()
    {
        var path = Path.Combine(CorpusDir, "V0007.ConsistencyFixes.up.sql");
        var statements = MySqlStatementSplitter.Split(File.ReadAllText(path));

        Assert.Equal(75, statements.Count);
        Assert.Equal(("DROP PROCEDURE IF EXISTS PROC_DROP_FOREIGN_KEY", 1), (statements[0].Text, statements[0].Line));
        Assert.Equal(("DROP PROCEDURE IF EXISTS PROC_DROP_INDEX", 2), (statements[1].Text, statements[1].Line));

        foreach (var (index, name, line) in new[] { (2, "PROC_DROP_FOREIGN_KEY", 4), (3, "PROC_DROP_INDEX", 21) })
        {
            var procedure = statements[index];
            Assert.Equal(line, procedure.Line);
            Assert.StartsWith($"CREATE PROCEDURE {name}(", procedure.Text);
            Assert.EndsWith("DEALLOCATE PREPARE stmt;\n    END IF;\nEND", procedure.Text);
            Assert.Contains("' DROP ", procedure.Text);
        }

        Assert.Equal("DROP TABLE IF EXISTS _bkp_UP_V0002_totp_configurations", statements[4].Text);
        var calls = statements.Where(s => s.Text.StartsWith("CALL ", StringComparison.Ordinal)).ToList();
        Assert.Equal(23, calls.Count);
        Assert.Equal("CALL PROC_DROP_FOREIGN_KEY('oauth2_consent_session', 'oauth2_consent_session_subject_fkey')", calls[0].Text);
        Assert.Equal("CALL PROC_DROP_INDEX('webauthn_devices', 'kid')", calls[^1].Text);
        Assert.Equal(2, statements.Count(s => s.Text.Contains("CREATE PROCEDURE", StringComparison.Ordinal)));
    }
}
