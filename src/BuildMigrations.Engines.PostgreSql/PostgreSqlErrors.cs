using Npgsql;

namespace BuildMigrations.Engines.PostgreSql;

/// <summary>Turns server errors into messages that say what failed, and where.</summary>
internal static class PostgreSqlErrors
{
    public static string Describe(PostgresException e)
    {
        var message = $"{e.SqlState}: {e.MessageText}";
        if (!string.IsNullOrEmpty(e.Detail))
            message += $" ({e.Detail})";
        if (!string.IsNullOrEmpty(e.Hint))
            message += $" hint: {e.Hint}";
        if (e.SqlState == PostgresErrorCodes.ActiveSqlTransaction)
            message += " hint: add '-- migration: no-transaction' at the top of the script so it runs outside a transaction, statement by statement";
        return message;
    }

    /// <summary>The 1-based line inside the statement for a 1-based character position; null when there is none.</summary>
    public static int? LineInStatement(string statement, int position)
    {
        if (position <= 0 || position > statement.Length + 1)
            return null;
        return 1 + statement.AsSpan(0, position - 1).Count('\n');
    }
}
