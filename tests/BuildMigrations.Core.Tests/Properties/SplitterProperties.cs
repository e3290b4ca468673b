using BuildMigrations.Core.Sql;
using BuildMigrations.Core.Sql.MySql;
using BuildMigrations.Core.Sql.PostgreSql;
using CsCheck;

namespace BuildMigrations.Core.Tests.Properties;

public class SplitterProperties
{
    // Scripts are cheap to split; more samples than CsCheck's default 100 reach more token combinations.
    private const int Iterations = 1000;

    public static TheoryData<string> Dialects => ["postgresql", "mysql"];

    private static (Gen<SqlScript> Scripts, Func<string, IReadOnlyList<SqlStatement>> Split) Dialect(string name) => name == "mysql"
        ? (SqlScripts.MySql, MySqlStatementSplitter.Split)
        : (SqlScripts.PostgreSql, PostgreSqlStatementSplitter.Split);

    [Theory]
    [MemberData(nameof(Dialects))]
    public void The_split_statements_are_the_scripts_statements_with_their_lines(string dialect)
    {
        var (scripts, split) = Dialect(dialect);
        scripts.Sample(script =>
            Assert.Equal(script.Statements, split(script.Text).Select(s => (s.Text, s.Line))), iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Statements_appear_in_the_script_in_order_without_overlap_and_none_is_empty(string dialect)
    {
        var (scripts, split) = Dialect(dialect);
        scripts.Sample(script =>
        {
            var cursor = 0;
            var line = 1;
            foreach (var statement in split(script.Text))
            {
                Assert.False(string.IsNullOrWhiteSpace(statement.Text));
                var at = script.Text.IndexOf(statement.Text, cursor, StringComparison.Ordinal);
                Assert.True(at >= cursor, $"'{statement.Text}' is not in the script after offset {cursor}");
                Assert.True(statement.Line >= line, "lines never decrease");
                cursor = at + statement.Text.Length;
                line = statement.Line;
            }
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Statements_joined_with_delimiters_split_into_the_same_statements(string dialect)
    {
        var (scripts, split) = Dialect(dialect);
        scripts.Sample(script =>
        {
            var statements = split(script.Text).Select(s => s.Text).ToList();
            var joined = string.Join(";\n", statements);
            Assert.Equal(statements, split(joined).Select(s => s.Text));
        }, iter: Iterations);
    }
}
