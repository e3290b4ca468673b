using BuildMigrations.Core.Sql;
namespace BuildMigrations.Engines;

/// <summary>A statement of a script failed on the server; nothing of a transactional script remains.</summary>
public sealed class StatementFailedException : Exception
{
    /// <param name="statement">The statement that failed.</param>
    /// <param name="serverMessage">The server's error (code and text), without connection details.</param>
    /// <param name="lineInStatement">The 1-based line inside the statement the server pointed at, when it did.</param>
    /// <param name="inner">The driver's exception.</param>
    public StatementFailedException(SqlStatement statement, string serverMessage, int? lineInStatement = null, Exception? inner = null)
        : base(serverMessage, inner)
    {
        Statement = statement;
        LineInStatement = lineInStatement;
    }

    public SqlStatement Statement { get; }

    public int? LineInStatement { get; }

    /// <summary>The id of the script's running history row, when the script was recorded before it ran (0 if not).</summary>
    public long HistoryId { get; set; }

    /// <summary>Which script of a series (<see cref="IMigrationEngine.RunTransactionsAsync"/>) failed; 0 for a single script.</summary>
    public int ScriptIndex { get; set; }

    /// <summary>The line of the migration's source file the server pointed at, for a script starting at <paramref name="scriptFirstLine"/>.</summary>
    public int SourceLine(int scriptFirstLine) => scriptFirstLine + Statement.Line - 1 + ((LineInStatement ?? 1) - 1);
}
