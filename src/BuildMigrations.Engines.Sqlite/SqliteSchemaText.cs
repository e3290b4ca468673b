using System.Text;

namespace BuildMigrations.Engines.Sqlite;

/// <summary>
/// Reads the SQL text SQLite keeps in <c>sqlite_master</c> for what its pragmas do not describe: trigger and view
/// bodies, and the WHERE of partial indexes. Quotes are respected, so a semicolon or a WHERE inside a string or a
/// quoted name is never mistaken for syntax.
/// </summary>
internal static class SqliteSchemaText
{
    /// <summary>The text with each run of whitespace outside quotes made one space, trimmed.</summary>
    public static string Normalize(string sql)
    {
        var result = new StringBuilder(sql.Length);
        char? quote = null;
        foreach (var c in sql)
        {
            if (quote is null && char.IsWhiteSpace(c))
            {
                if (result.Length > 0 && result[^1] != ' ')
                    result.Append(' ');
                continue;
            }
            quote = quote switch
            {
                null when c is '\'' or '"' or '`' => c,
                null when c == '[' => ']',
                _ when c == quote => null, // a doubled quote closes and reopens: same text either way
                _ => quote,
            };
            result.Append(c);
        }
        return result.ToString().TrimEnd();
    }

    /// <summary>The condition of a partial index (after its first WHERE outside quotes and parentheses), normalized; null if none.</summary>
    public static string? WhereClause(string indexSql)
    {
        var text = Normalize(indexSql);
        char? quote = null;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
                continue;
            }
            switch (c)
            {
                case '\'' or '"' or '`':
                    quote = c;
                    break;
                case '[':
                    quote = ']';
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ' ' when depth == 0 && string.Compare(text, i + 1, "WHERE ", 0, 6, StringComparison.OrdinalIgnoreCase) == 0:
                    return text[(i + 7)..];
            }
        }
        return null;
    }
}
