using BuildMigrations.Core.Sql;
namespace BuildMigrations.Core.Sql.PostgreSql;

/// <summary>
/// Splits a PostgreSQL script into its statements, so that they can be run one at a time
/// (as <c>CREATE INDEX CONCURRENTLY</c> requires) and a failure can be traced to a line.
/// </summary>
public static class PostgreSqlStatementSplitter
{
    /// <summary>Splits <paramref name="script"/> (LF line endings) into statements.</summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Statements are separated by a top-level <c>;</c>, which is not part of any statement.</item>
    /// <item>A statement's text runs from its first to its last token that is not a comment:
    /// comments inside it are kept; comments before it, and after its last token, are not.</item>
    /// <item>A statement's line is the 1-based line of its first token.</item>
    /// <item>Statements made only of whitespace and comments are dropped; a last statement
    /// without a terminating <c>;</c> is returned.</item>
    /// <item>A <c>;</c> does not separate statements inside <c>--</c> comments, nested
    /// <c>/* */</c> comments, <c>'...'</c> strings (<c>''</c> escapes a quote; also <c>B'</c>,
    /// <c>X'</c>, <c>U&amp;'</c>), <c>E'...'</c> strings (where <c>\</c> escapes too),
    /// <c>"..."</c> identifiers, <c>$$</c> or <c>$tag$</c> dollar quotes, and SQL-standard
    /// function bodies <c>BEGIN ATOMIC ... END</c>, in which <c>CASE ... END</c> nests.</item>
    /// <item>An unterminated string, comment or dollar quote runs to the end of the script,
    /// inside the last statement, so that the server reports the error.</item>
    /// </list>
    /// Scanning is a single linear pass; the method never throws on malformed SQL.
    /// </remarks>
    /// <param name="script">The script text, with LF line endings.</param>
    /// <returns>The statements, in script order.</returns>
    public static IReadOnlyList<SqlStatement> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);

        var statements = new StatementCollector(script);
        var lexer = new PostgreSqlLexer(script);
        var atomicBody = new AtomicBodyTracker(script);
        while (lexer.TryNext(out Token token))
        {
            if (token.Kind is TokenKind.Whitespace or TokenKind.Comment)
                continue;

            atomicBody.Observe(token);
            if (token.Kind == TokenKind.Semicolon && !atomicBody.IsInside)
                statements.EndStatement();
            else
                statements.Keep(token.Start, token.End);
        }

        return statements.Finish();
    }

    /// <summary>
    /// Follows SQL-standard function bodies (<c>BEGIN ATOMIC ... END</c>, PostgreSQL 14+), whose
    /// semicolons end inner statements rather than the <c>CREATE FUNCTION</c> itself.
    /// </summary>
    /// <remarks>
    /// Only <c>BEGIN ATOMIC</c> opens a body, so a plain <c>BEGIN;</c> or <c>END;</c> transaction
    /// statement never affects splitting. Inside a body every <c>CASE</c> is closed by an
    /// <c>END</c> too, so both are counted to find the <c>END</c> that closes the body.
    /// </remarks>
    private sealed class AtomicBodyTracker(string script)
    {
        private enum Previous
        {
            Other,
            Begin,
            As,
            Dot,
        }

        private Previous previous;
        private int depth;

        public bool IsInside => depth > 0;

        /// <summary>Observes every token that is not whitespace or a comment.</summary>
        public void Observe(Token token)
        {
            previous = token.Kind switch
            {
                TokenKind.Word => ObserveWord(script.AsSpan(token.Start, token.End - token.Start)),
                TokenKind.Dot => Previous.Dot,
                _ => Previous.Other,
            };
        }

        private Previous ObserveWord(ReadOnlySpan<char> word)
        {
            // After "." or AS even a reserved word is a column name or an alias: "t.end", "AS case".
            if (previous is Previous.Dot or Previous.As)
                return Previous.Other;

            if (Is(word, "BEGIN"))
                return Previous.Begin;
            if (Is(word, "AS"))
                return Previous.As;

            if (previous == Previous.Begin && Is(word, "ATOMIC"))
                depth++;
            else if (depth > 0 && Is(word, "CASE"))
                depth++;
            else if (depth > 0 && Is(word, "END"))
                depth--;

            return Previous.Other;
        }

        private static bool Is(ReadOnlySpan<char> word, string keyword) =>
            word.Equals(keyword, StringComparison.OrdinalIgnoreCase);
    }
}
