namespace BuildMigrations.Core.Sql.Sqlite;

/// <summary>
/// Follows the statement being read to tell whether a <c>;</c> ends it or belongs to a trigger body
/// (<c>CREATE [TEMP|TEMPORARY] TRIGGER ... BEGIN ...; ...; END</c>).
/// </summary>
/// <remarks>
/// The body's statements each end with <c>;</c> and the body ends with the keyword <c>END</c>, so
/// the trigger ends at the first <c>;</c> that follows an <c>END</c> that itself directly follows a
/// <c>;</c> (comments and whitespace aside). That is the rule of SQLite's
/// <c>sqlite3_complete()</c>, and why no keyword needs counting: the <c>END</c> of a
/// <c>CASE ... END</c> always follows an expression, never a <c>;</c>. A <c>BEGIN</c> outside a
/// trigger (a transaction) is an ordinary statement. <c>EXPLAIN [QUERY PLAN]</c> may precede
/// <c>CREATE</c>, as SQLite allows.
/// </remarks>
internal sealed class SqliteTriggerTracker(string script)
{
    private enum State
    {
        /// <summary>No token of the statement seen yet.</summary>
        Start,

        /// <summary>Only EXPLAIN (and QUERY PLAN) seen so far.</summary>
        Explain,

        /// <summary>CREATE seen, possibly followed by TEMP or TEMPORARY.</summary>
        Create,

        /// <summary>A statement that ends at its first <c>;</c>.</summary>
        Ordinary,

        /// <summary>Inside a trigger, away from its end.</summary>
        Trigger,

        /// <summary>Inside a trigger, right after a <c>;</c>.</summary>
        TriggerSemicolon,

        /// <summary>Inside a trigger, right after <c>; END</c>: the next <c>;</c> ends it.</summary>
        TriggerEnd,
    }

    private State state;

    /// <summary>
    /// Observes a token that is not whitespace or a comment; returns true when it is a <c>;</c>
    /// that ends the statement.
    /// </summary>
    public bool EndsStatement(Token token)
    {
        if (token.Kind == TokenKind.Semicolon)
        {
            if (state is State.Trigger or State.TriggerSemicolon)
            {
                state = State.TriggerSemicolon;
                return false;
            }

            state = State.Start;
            return true;
        }

        state = token.Kind == TokenKind.Word ? AfterWord(script.AsSpan(token.Start, token.End - token.Start)) : AfterOther();
        return false;
    }

    private State AfterOther() => state switch
    {
        State.Start or State.Explain or State.Create => State.Ordinary,
        State.TriggerSemicolon or State.TriggerEnd => State.Trigger,
        _ => state,
    };

    private State AfterWord(ReadOnlySpan<char> word) => state switch
    {
        State.Start when Is(word, "EXPLAIN") => State.Explain,
        State.Start or State.Explain when Is(word, "CREATE") => State.Create,
        State.Explain when Is(word, "QUERY") || Is(word, "PLAN") => State.Explain,
        State.Create when Is(word, "TEMP") || Is(word, "TEMPORARY") => State.Create,
        State.Create when Is(word, "TRIGGER") => State.Trigger,
        State.TriggerSemicolon when Is(word, "END") => State.TriggerEnd,
        _ => AfterOther(),
    };

    private static bool Is(ReadOnlySpan<char> word, string keyword) =>
        word.Equals(keyword, StringComparison.OrdinalIgnoreCase);
}
