namespace BuildMigrations.Core.Sql.Sqlite;

/// <summary>
/// Splits a SQLite script into its statements, so that they can be run one at a time and a
/// failure can be traced to a line.
/// </summary>
public static class SqliteStatementSplitter
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
    /// <item>A <c>;</c> does not separate statements inside <c>--</c> comments, <c>/* */</c>
    /// comments (not nested), <c>'...'</c> strings and <c>"..."</c> or <c>`...`</c> identifiers
    /// (a doubled quote escapes it), <c>[...]</c> identifiers, and the body of a
    /// <c>CREATE [TEMP|TEMPORARY] TRIGGER ... BEGIN ... END</c>, which ends with the first
    /// <c>END</c> that directly follows a <c>;</c> (so <c>CASE ... END</c> inside it is harmless).
    /// <c>BEGIN</c>, <c>COMMIT</c> and <c>END</c> outside a trigger are ordinary statements.</item>
    /// <item>An unterminated string or identifier runs to the end of the script, inside the last
    /// statement, so that SQLite reports the error; an unterminated block comment is a comment to
    /// the end of the script, as SQLite reads it.</item>
    /// </list>
    /// Scanning is a single linear pass; the method never throws on malformed SQL.
    /// </remarks>
    /// <param name="script">The script text, with LF line endings.</param>
    /// <returns>The statements, in script order.</returns>
    public static IReadOnlyList<SqlStatement> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);

        var statements = new StatementCollector(script);
        var lexer = new SqliteLexer(script);
        var trigger = new SqliteTriggerTracker(script);
        while (lexer.TryNext(out Token token))
        {
            if (token.Kind is TokenKind.Whitespace or TokenKind.Comment)
                continue;

            if (trigger.EndsStatement(token))
                statements.EndStatement();
            else
                statements.Keep(token.Start, token.End);
        }

        return statements.Finish();
    }
}
