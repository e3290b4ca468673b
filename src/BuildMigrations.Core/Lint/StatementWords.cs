using BuildMigrations.Core.Model;
using BuildMigrations.Core.Sql;
using MySqlLexing = BuildMigrations.Core.Sql.MySql;

namespace BuildMigrations.Core.Lint;

/// <summary>
/// A statement's significant tokens, read with the same lexers that split the script, so strings, quoted
/// identifiers, dollar quotes and comments are never mistaken for keywords (a <c>DROP TABLE</c> in a comment or a
/// function body is not a DROP TABLE).
/// </summary>
public static class StatementWords
{
    /// <summary>The words of <paramref name="statement"/> as <paramref name="engine"/> reads them.</summary>
    public static IReadOnlyList<SqlWord> Read(string statement, string engine) => engine switch
    {
        EngineNames.MySql or EngineNames.MariaDb => ReadMySql(statement),
        EngineNames.Sqlite => ReadScanned(statement, new Sql.Sqlite.SqliteLexer(statement), "\"`["),
        _ => ReadScanned(statement, new Sql.PostgreSql.PostgreSqlLexer(statement), "\""),
    };

    /// <summary>PostgreSQL and SQLite: their lexers share the token kinds; quoted identifiers start with one of <paramref name="identifierQuotes"/>.</summary>
    private static List<SqlWord> ReadScanned(string statement, TokenScanner lexer, string identifierQuotes)
    {
        var words = new List<SqlWord>();
        while (lexer.TryNext(out var token))
        {
            var text = statement[token.Start..token.End];
            switch (token.Kind)
            {
                case TokenKind.Whitespace or TokenKind.Comment:
                    break;
                case TokenKind.Word:
                    words.Add(new(SqlWordKind.Word, text));
                    break;
                case TokenKind.Other when text.Length > 1 && identifierQuotes.Contains(text[0]):
                    words.Add(new(SqlWordKind.Identifier, Unquote(text)));
                    break;
                // Strings (also E'..' on PostgreSQL), dollar quotes and numbers.
                case TokenKind.Other when text[0] is '\'' or 'E' or 'e' || char.IsAsciiDigit(text[0]) || (text[0] == '$' && text.Length > 1):
                    words.Add(new(SqlWordKind.Literal, text));
                    break;
                default:
                    words.Add(new(SqlWordKind.Punctuation, text));
                    break;
            }
        }
        return words;
    }

    private static List<SqlWord> ReadMySql(string statement)
    {
        var words = new List<SqlWord>();
        var lexer = new MySqlLexing.MySqlLexer(statement);
        for (var token = lexer.Next(); token.Kind != MySqlLexing.TokenKind.End; token = lexer.Next())
        {
            var text = statement[token.Start..token.End];
            switch (token.Kind)
            {
                case MySqlLexing.TokenKind.Word:
                    words.Add(new(SqlWordKind.Word, text));
                    break;
                case MySqlLexing.TokenKind.Quoted when text[0] == '`':
                    words.Add(new(SqlWordKind.Identifier, Unquote(text)));
                    break;
                case MySqlLexing.TokenKind.Quoted:
                    words.Add(new(SqlWordKind.Literal, text));
                    break;
                case MySqlLexing.TokenKind.Punct or MySqlLexing.TokenKind.Delimiter:
                    words.Add(new(SqlWordKind.Punctuation, text));
                    break;
                // Comments, and executable comments (/*!40101 ... */), whose version-dependent SQL lint does not judge.
            }
        }
        return words;
    }

    /// <summary>The identifier without its quotes: <c>"a""b"</c>, <c>`a``b`</c>, <c>[a b]</c>.</summary>
    private static string Unquote(string quoted)
    {
        var open = quoted[0];
        var close = open == '[' ? ']' : open;
        var inner = quoted.Length >= 2 && quoted[^1] == close ? quoted[1..^1] : quoted[1..];
        return open == '[' ? inner : inner.Replace(new string(open, 2), open.ToString());
    }
}
