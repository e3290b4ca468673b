namespace BuildMigrations.Core.Lint;

/// <summary>PostgreSQL's maintenance commands that rewrite or lock tables: <c>VACUUM FULL</c>, <c>CLUSTER</c>, <c>REINDEX</c>.</summary>
internal static class MaintenanceRecognizer
{
    /// <summary>Reads what follows <c>VACUUM</c>: only a FULL vacuum is an action (plain VACUUM takes no blocking lock).</summary>
    public static IReadOnlyList<SqlAction> Vacuum(WordCursor cursor)
    {
        var full = false;
        if (cursor.Accept('('))
        {
            while (!cursor.AtEnd && !cursor.Accept(')'))
            {
                // FULL, or FULL true/on; "FULL false" is a plain VACUUM.
                if (cursor.Accept("FULL"))
                    full = !(cursor.Sees("FALSE") || cursor.Sees("OFF") || cursor.Peek() is { Text: "0" });
                else
                    cursor.Skip();
            }
        }
        else
        {
            full = cursor.Accept("FULL");
            cursor.SkipAny("FREEZE", "VERBOSE", "ANALYZE");
        }
        return full ? [new SqlAction(SqlActionKind.VacuumFull, cursor.ReadName())] : [];
    }

    /// <summary>Reads what follows <c>CLUSTER</c>.</summary>
    public static IReadOnlyList<SqlAction> Cluster(WordCursor cursor)
    {
        cursor.Accept("VERBOSE");
        if (cursor.Accept('('))
        {
            while (!cursor.AtEnd && !cursor.Accept(')'))
                cursor.Skip();
        }
        var table = cursor.ReadName();
        var index = cursor.Accept("USING") ? cursor.ReadIdentifier() : null;
        return [new SqlAction(SqlActionKind.Cluster, table, index)];
    }

    /// <summary>Reads what follows <c>REINDEX</c>, with CONCURRENTLY as a keyword or an option.</summary>
    public static IReadOnlyList<SqlAction> Reindex(WordCursor cursor)
    {
        var concurrently = false;
        if (cursor.Accept('('))
        {
            while (!cursor.AtEnd && !cursor.Accept(')'))
            {
                if (cursor.Accept("CONCURRENTLY"))
                    concurrently = !(cursor.Sees("FALSE") || cursor.Sees("OFF"));
                else
                    cursor.Skip();
            }
        }
        string? target = null;
        foreach (var kind in new[] { "INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM" })
        {
            if (cursor.Accept(kind))
                target = kind;
        }
        if (target is null)
            return [];
        concurrently |= cursor.Accept("CONCURRENTLY");
        var name = cursor.ReadName();
        return [new SqlAction(SqlActionKind.Reindex, name, target) { Concurrently = concurrently }];
    }
}
