using BuildMigrations.Core.Sql;
namespace BuildMigrations.Core.Sql.MySql;

/// <summary>
/// Splits a MySQL/MariaDB script into statements the way the mysql client and server read it,
/// so each statement can be sent on its own.
/// </summary>
public static class MySqlStatementSplitter
{
    /// <summary>
    /// Splits <paramref name="script"/> (LF line endings) into statements. Runs in linear time
    /// and never throws on malformed input.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>A statement ends at the current delimiter (initially <c>;</c>) outside
    /// <c>'...'</c>/<c>"..."</c> strings (backslash and doubled-quote escapes), backtick
    /// identifiers (doubled-backtick escape) and comments. Unterminated strings and comments run
    /// to the end of the script.</item>
    /// <item>Comments are <c>#</c> and <c>-- </c> to end of line (<c>--</c> must be followed by
    /// whitespace, a control character or end of input; <c>1--1</c> is arithmetic) and
    /// <c>/* */</c> (not nested). Executable comments <c>/*! */</c> and <c>/*M! */</c> are opaque
    /// like comments but count as SQL: <c>/*!40101 SET NAMES utf8 */;</c> is a statement.</item>
    /// <item>A line whose first word is <c>DELIMITER</c> (any case, then a space or tab), outside a
    /// statement, sets the delimiter to the next whitespace-free word (quotes around it are
    /// removed); the rest of the line is ignored and the line itself is not a statement.</item>
    /// <item>While the delimiter is <c>;</c>, a <c>CREATE [OR REPLACE] [DEFINER = ...] [AGGREGATE]
    /// PROCEDURE|FUNCTION|TRIGGER|EVENT</c> whose body opens a compound statement (BEGIN ... END,
    /// IF ... END IF, CASE ... END [CASE], LOOP/WHILE/REPEAT ... END LOOP/WHILE/REPEAT, labels
    /// allowed) keeps the <c>;</c> inside that body and ends at the first <c>;</c> after it; so does
    /// MariaDB's <c>BEGIN NOT ATOMIC ... END</c>. Any other <c>BEGIN</c> (e.g. <c>BEGIN;</c> or
    /// <c>BEGIN WORK;</c> starting a transaction) is ordinary. A body without a block
    /// (<c>RETURN 1;</c>) ends at its <c>;</c>.</item>
    /// <item>Text excludes the delimiter and runs from the first to the last non-comment token,
    /// keeping comments between them. Line is the 1-based line of that first token.
    /// Empty and comment-only statements are dropped; a last statement without delimiter is kept.</item>
    /// </list>
    /// </remarks>
    /// <param name="script">The script text.</param>
    /// <returns>The statements in script order.</returns>
    public static IReadOnlyList<SqlStatement> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);

        var statements = new List<SqlStatement>();
        var lexer = new MySqlLexer(script);
        var tracker = new MySqlCompoundTracker(script);
        int start = -1, end = -1;
        int lineCursor = 0, line = 1;

        while (true)
        {
            var token = lexer.Next();
            switch (token.Kind)
            {
                case TokenKind.End:
                    Flush();
                    return statements;

                case TokenKind.Comment:
                    continue;

                case TokenKind.Delimiter:
                    if (lexer.Delimiter == ";" && start >= 0)
                    {
                        tracker.Feed(token);
                        if (tracker.InsideBody)
                        {
                            end = token.End; // a ';' of a stored-program body is part of the statement
                            continue;
                        }
                    }
                    Flush();
                    continue;

                case TokenKind.Word when start < 0 && TryDelimiterCommand(script, token, lexer):
                    continue;

                default:
                    if (start < 0)
                        start = token.Start;
                    end = token.End;
                    tracker.Feed(token);
                    continue;
            }
        }

        void Flush()
        {
            if (start >= 0)
            {
                // Statements start in increasing order, so counting newlines incrementally stays linear.
                line += script.AsSpan(lineCursor, start - lineCursor).Count('\n');
                lineCursor = start;
                // Tokens never end in whitespace, except an unterminated string or comment at the end of input.
                statements.Add(new SqlStatement(script[start..end].TrimEnd(), line));
            }
            start = end = -1;
            tracker.Reset();
        }
    }

    /// <summary>
    /// Handles a mysql-client <c>DELIMITER xyz</c> line: only whitespace may precede the keyword
    /// on its line, and a space or tab must follow it. Moves the lexer past the line.
    /// </summary>
    private static bool TryDelimiterCommand(string script, Token word, MySqlLexer lexer)
    {
        if (!script.AsSpan(word.Start, word.End - word.Start).Equals("DELIMITER", StringComparison.OrdinalIgnoreCase))
            return false;
        // Look back only across blanks (not the whole line) to keep the split linear.
        int before = word.Start - 1;
        while (before >= 0 && script[before] is ' ' or '\t')
            before--;
        if (before >= 0 && script[before] != '\n')
            return false;
        int p = word.End;
        if (p < script.Length && script[p] is not (' ' or '\t' or '\n'))
            return false;

        int lineEnd = script.IndexOf('\n', p);
        if (lineEnd < 0)
            lineEnd = script.Length;
        var argument = script.AsSpan(p, lineEnd - p).TrimStart(" \t");
        int stop = argument.IndexOfAny(" \t\r\f\v");
        if (stop >= 0)
            argument = argument[..stop];
        if (argument.Length >= 2 && argument[0] is '\'' or '"' or '`' && argument[^1] == argument[0])
            argument = argument[1..^1];

        // "DELIMITER" without an argument is an error in the mysql client; keep the old delimiter.
        if (!argument.IsEmpty)
            lexer.Delimiter = argument.ToString();
        lexer.Position = lineEnd;
        return true;
    }
}
