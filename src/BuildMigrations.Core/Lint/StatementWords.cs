using BuildMigrations.Core.Model;
using MySqlLexing = BuildMigrations.Core.Sql.MySql;
using PostgreSqlLexing = BuildMigrations.Core.Sql.PostgreSql;

namespace BuildMigrations.Core.Lint;

/// <summary>
/// A statement's significant tokens, read with the same lexers that split the script, so strings, quoted
/// identifiers, dollar quotes and comments are never mistaken for keywords (a <c>DROP TABLE</c> in a comment or a
/// function body is not a DROP TABLE).
/// </summary>
public static class StatementWords
{
    /// <summary>The words of <paramref name="statement"/> as <paramref name="engine"/> reads them.</summary>
    public static IReadOnlyList<SqlWord> Read(string statement, string engine) =>
        engine is EngineNames.MySql or EngineNames.MariaDb ? ReadMySql(statement) : ReadPostgreSql(statement);

    private static List<SqlWord> ReadPostgreSql(string statement)
    {
        var words = new List<SqlWord>();
        var lexer = new PostgreSqlLexing.PostgreSqlLexer(statement);
        while (lexer.TryNext(out var token))
        {
            var text = statement[token.Start..token.End];
            switch (token.Kind)
            {
                case PostgreSqlLexing.TokenKind.Whitespace or PostgreSqlLexing.TokenKind.Comment:
                    break;
                case PostgreSqlLexing.TokenKind.Word:
                    words.Add(new(SqlWordKind.Word, text));
                    break;
                case PostgreSqlLexing.TokenKind.Other when text.Length > 1 && text[0] == '"':
                    words.Add(new(SqlWordKind.Identifier, Unquote(text, '"')));
                    break;
                case PostgreSqlLexing.TokenKind.Other when text[0] is '\'' or 'E' or 'e' || char.IsAsciiDigit(text[0]) || (text[0] == '$' && text.Length > 1):
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
                    words.Add(new(SqlWordKind.Identifier, Unquote(text, '`')));
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

    private static string Unquote(string quoted, char quote)
    {
        var inner = quoted.Length >= 2 && quoted[^1] == quote ? quoted[1..^1] : quoted[1..];
        return inner.Replace(new string(quote, 2), quote.ToString());
    }
}
