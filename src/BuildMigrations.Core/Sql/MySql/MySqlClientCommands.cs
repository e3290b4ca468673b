using BuildMigrations.Core.Sql;

namespace BuildMigrations.Core.Sql.MySql;

/// <summary>
/// Finds commands of the mysql/mariadb command-line client in a script's statements: backslash commands
/// (<c>\!</c>, <c>\.</c>, <c>\r</c>, ...) anywhere outside strings and comments (also inside <c>/*! ... */</c>, which
/// the client reads as SQL), and named commands (<c>system</c>, <c>source</c>, <c>connect</c>, ...) as a statement's
/// first word. They are client syntax, not SQL: a migration that says <c>\! rm -rf /</c> would run it on the machine
/// that pipes it into a client, so the build refuses them. <c>DELIMITER</c> (handled by the splitter) and
/// <c>USE</c> (also SQL) are allowed.
/// </summary>
public static class MySqlClientCommands
{
    private static readonly HashSet<string> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        "system", "source", "connect", "tee", "notee", "pager", "nopager", "edit", "exit", "quit", "prompt", "rehash",
        "status", "charset", "warnings", "nowarning", "print", "ego", "go", "clear", "resetconnection",
        "query_attributes", "ssl_session_data_print", "sandbox",
    };

    /// <summary>Each client command found: how it was written and the 1-based line of the script where it is.</summary>
    public static IReadOnlyList<(string Command, int Line)> Find(IReadOnlyList<SqlStatement> statements)
    {
        var found = new List<(string, int)>();
        foreach (var statement in statements)
        {
            var text = statement.Text;
            int LineOf(int offset) => statement.Line + text.AsSpan(0, offset).Count('\n');
            var lexer = new MySqlLexer(text);
            var first = true;
            for (var token = lexer.Next(); token.Kind != TokenKind.End; token = lexer.Next())
            {
                if (token.Kind == TokenKind.Comment)
                    continue;
                if (first && token.Kind == TokenKind.Word && Named.Contains(text[token.Start..token.End]))
                    found.Add((text[token.Start..token.End], LineOf(token.Start)));
                first = false;
                var backslash = token.Kind switch
                {
                    TokenKind.Punct when text[token.Start] == '\\' => token.Start,
                    TokenKind.ExecutableComment => text.IndexOf('\\', token.Start, token.End - token.Start),
                    _ => -1,
                };
                if (backslash >= 0)
                    found.Add((text.Substring(backslash, Math.Min(2, text.Length - backslash)), LineOf(backslash)));
            }
        }
        return found;
    }
}
