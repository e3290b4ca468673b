using System.Text;
using CsCheck;

namespace BuildMigrations.Core.Tests.Properties;

/// <summary>A generated script and the statements a splitter must find in it, with their lines.</summary>
public sealed record SqlScript(string Text, IReadOnlyList<(string Text, int Line)> Statements)
{
    public override string ToString() => Text; // CsCheck prints the shrunk script on failure
}

/// <summary>
/// Generates scripts from the lexical pieces both dialects share (words, numbers, quoted strings and
/// identifiers, comments) plus each dialect's own, placed so that every ';' (or delimiter) inside a string,
/// identifier or comment must be ignored, and comments between statements are not part of any statement.
/// </summary>
public static class SqlScripts
{
    // Prefixed so no word is a keyword the splitters treat specially (BEGIN, END, CASE, DELIMITER, ...).
    private static readonly Gen<string> Word = Gen.Char['a', 'z'].Array[1, 6].Select(c => "x_" + new string(c));

    private static readonly Gen<string> Keyword = Gen.OneOf("SELECT", "FROM", "WHERE", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "42", "(", ")", ",", "=", "+");

    // No backslash (an escape in MySQL strings only) and no quote characters of the other kinds.
    private static Gen<string> Body(string extra) => Gen.Char["ab ;-/*#" + extra].Array[0, 8].Select(c => new string(c));

    private static readonly Gen<string> SingleQuoted = Body("'").Select(s => "'" + s.Replace("'", "''") + "'");

    private static readonly Gen<string> BlockComment = Body("").Select(s => "/*" + s.Replace("*/", "* /").Replace("/*", "/ *").TrimEnd('/') + "*/");

    private static readonly Gen<string> LineComment = Body("").Select(s => "-- " + s + "\n");

    public static Gen<SqlScript> PostgreSql { get; } = Script(
        Gen.OneOf(Word, Keyword, SingleQuoted,
            Body("\"").Select(s => "\"" + s.Replace("\"", "\"\"") + "\""),
            Body("").Select(s => "$$" + s + "$$"),
            Body("").Select(s => "$t$" + s + "$t$")),
        Gen.OneOf(BlockComment, LineComment),
        Gen.Const(";"),
        delimiterLine: _ => "");

    public static Gen<SqlScript> MySql { get; } = Script(
        Gen.OneOf(Word, Keyword, SingleQuoted,
            Body("\"").Select(s => "\"" + s.Replace("\"", "\"\"") + "\""),
            Body("`").Select(s => "`" + s.Replace("`", "``") + "`")),
        Gen.OneOf(BlockComment, LineComment, Body("").Select(s => "# " + s + "\n")),
        Gen.OneOf(";", "//", "$$"),
        delimiterLine: delimiter => delimiter == ";" ? "" : $"DELIMITER {delimiter}\n");

    private static Gen<SqlScript> Script(Gen<string> token, Gen<string> comment, Gen<string> delimiter, Func<string, string> delimiterLine)
    {
        var separator = Gen.OneOf(" ", "\n", " \t");
        var maybeComment = Gen.Frequency((3, Gen.Const("")), (1, comment));
        // A statement starts and ends with a token; comments may sit between its tokens.
        var statement = Gen.Select(token, Gen.Select(maybeComment, separator, token).Array[0, 5], (first, rest) =>
        {
            var text = new StringBuilder(first);
            foreach (var (c, s, t) in rest)
                text.Append(s).Append(c).Append(c.EndsWith('\n') ? "" : s).Append(t);
            return text.ToString();
        });
        return Gen.Select(delimiter, Gen.Select(maybeComment, separator, statement).Array[0, 6], Gen.Bool, (d, statements, lastTerminated) =>
        {
            var text = new StringBuilder(delimiterLine(d));
            var expected = new List<(string, int)>();
            for (var i = 0; i < statements.Length; i++)
            {
                var (leading, s, body) = statements[i];
                text.Append(leading).Append(s);
                expected.Add((body, 1 + text.ToString().Count(c => c == '\n')));
                text.Append(body);
                if (i < statements.Length - 1 || lastTerminated)
                    text.Append(d);
                text.Append(s);
            }
            return new SqlScript(text.ToString(), expected);
        });
    }
}
