namespace BuildMigrations.Core.Sql;

/// <summary>
/// Finds statements that start, end or abandon a transaction (<c>BEGIN</c>, <c>START TRANSACTION</c>, <c>COMMIT</c>,
/// <c>END</c>, <c>ROLLBACK</c>, <c>ABORT</c>, <c>PREPARE TRANSACTION</c>) and savepoint commands naming no savepoint
/// of the script. The tool runs a transactional script and its history row in ONE transaction: a <c>COMMIT</c> in
/// the script would commit the changes without the row (the golang-migrate habit of wrapping files in
/// <c>BEGIN; ... COMMIT;</c>), and a <c>ROLLBACK</c> would undo them and leave the tool in no transaction at all.
/// Savepoints the script declares itself (<c>SAVEPOINT a; ... ROLLBACK TO a; RELEASE a;</c>) are fine.
/// </summary>
public static class TransactionControl
{
    /// <summary>Each offending statement with the words that make it one, e.g. <c>COMMIT</c> or <c>ROLLBACK TO x</c>.</summary>
    public static IReadOnlyList<(SqlStatement Statement, string Command)> Find(IEnumerable<SqlStatement> statements)
    {
        var found = new List<(SqlStatement, string)>();
        var savepoints = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in statements)
        {
            var words = LeadingWords(statement.Text, 5);
            if (words.Count == 0)
                continue;
            var command = Offending(words, savepoints);
            if (command is not null)
                found.Add((statement, command));
        }
        return found;
    }

    private static string? Offending(List<string> words, HashSet<string> savepoints)
    {
        string At(int i) => i < words.Count ? words[i] : "";
        switch (At(0))
        {
            case "SAVEPOINT":
                savepoints.Add(At(1));
                return null;
            case "RELEASE":
            {
                var name = At(1) == "SAVEPOINT" ? At(2) : At(1);
                return savepoints.Contains(name) ? null : $"RELEASE {name}".TrimEnd();
            }
            case "ROLLBACK":
            {
                var to = At(1) is "WORK" or "TRANSACTION" ? 2 : 1;
                if (At(to) != "TO")
                    return "ROLLBACK";
                var name = At(to + 1) == "SAVEPOINT" ? At(to + 2) : At(to + 1);
                return savepoints.Contains(name) ? null : $"ROLLBACK TO {name}".TrimEnd();
            }
            case "BEGIN" or "COMMIT" or "END" or "ABORT":
                return At(0);
            case "START" when At(1) == "TRANSACTION":
                return "START TRANSACTION";
            case "PREPARE" when At(1) == "TRANSACTION":
                return "PREPARE TRANSACTION";
            default:
                return null;
        }
    }

    /// <summary>The first words of a statement (it starts at a token: splitters drop leading comments), upper-cased.</summary>
    private static List<string> LeadingWords(string text, int count)
    {
        var words = new List<string>(count);
        var i = 0;
        while (words.Count < count && i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                i++;
            if (i == start)
                break; // punctuation or a quoted name: the statement's leading words are over
            words.Add(text[start..i].ToUpperInvariant());
        }
        return words;
    }
}
