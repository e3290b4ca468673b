namespace BuildMigrations.Core.Sql;

/// <summary>
/// Turns the tokens a splitter keeps into statements: each statement's text runs from its first to
/// its last kept token, and its line is the line of the first. The splitters decide what to keep
/// and where a statement ends; this class does the bookkeeping they share.
/// </summary>
internal sealed class StatementCollector(string script)
{
    private readonly List<SqlStatement> statements = [];
    private int statementStart = -1;
    private int statementEnd = -1;
    private int line = 1;
    private int linesCountedUpTo;

    /// <summary>Adds the token <c>[start, end)</c> to the current statement.</summary>
    public void Keep(int start, int end)
    {
        if (statementStart < 0)
            statementStart = start;
        statementEnd = end;
    }

    /// <summary>Ends the current statement; nothing happens when no token was kept since the last one.</summary>
    public void EndStatement()
    {
        if (statementStart < 0)
            return;

        // Statements start in script order, so counting only the new newlines keeps this linear.
        line += script.AsSpan(linesCountedUpTo, statementStart - linesCountedUpTo).Count('\n');
        linesCountedUpTo = statementStart;

        // Only an unterminated token that ran to the end of the script can end in whitespace.
        string text = script[statementStart..statementEnd].TrimEnd(' ', '\t', '\n', '\r', '\f', '\v');
        statements.Add(new SqlStatement(text, line));
        statementStart = -1;
    }

    /// <summary>Ends the last statement (which may lack its <c>;</c>) and returns them all, in script order.</summary>
    public IReadOnlyList<SqlStatement> Finish()
    {
        EndStatement();
        return statements;
    }
}
