namespace BuildMigrations.Core.Lint;

/// <summary>
/// Classifies a statement into the DDL/DML forms that matter for locks and compatibility, from its words alone
/// (no SQL parser is needed for these forms: each is fixed by its first few keywords). A statement it does not
/// know gives no action, so an unusual statement is never a false positive, only a missed one.
/// </summary>
public static class StatementRecognizer
{
    /// <summary>What <paramref name="statement"/> does, read as <paramref name="engine"/> would.</summary>
    public static IReadOnlyList<SqlAction> Recognize(string statement, string engine) =>
        Recognize(StatementWords.Read(statement, engine));

    /// <summary>What a statement of <paramref name="words"/> does.</summary>
    public static IReadOnlyList<SqlAction> Recognize(IReadOnlyList<SqlWord> words)
    {
        var cursor = new WordCursor(words);
        if (cursor.Accept("CREATE"))
            return Create(cursor);
        if (cursor.Accept("ALTER", "TABLE"))
            return AlterTableRecognizer.Recognize(cursor);
        if (cursor.Accept("DROP"))
            return Drop(cursor);
        if (cursor.Accept("TRUNCATE"))
            return Truncate(cursor);
        if (cursor.Accept("DELETE"))
            return Delete(cursor);
        if (cursor.Accept("UPDATE"))
            return Update(cursor);
        if (cursor.Accept("INSERT") || cursor.Accept("REPLACE"))
            return Insert(cursor);
        if (cursor.Accept("RENAME", "TABLE"))
            return RenameTables(cursor);
        if (cursor.Accept("VACUUM"))
            return MaintenanceRecognizer.Vacuum(cursor);
        if (cursor.Accept("CLUSTER"))
            return MaintenanceRecognizer.Cluster(cursor);
        if (cursor.Accept("REINDEX"))
            return MaintenanceRecognizer.Reindex(cursor);
        if (cursor.Accept("OPTIMIZE", "TABLE") && cursor.ReadName() is { } optimized)
            return [new SqlAction(SqlActionKind.RebuildTable, optimized)];
        return [];
    }

    private static IReadOnlyList<SqlAction> Create(WordCursor cursor)
    {
        cursor.Accept("OR", "REPLACE");
        cursor.SkipAny("GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED");
        if (cursor.Accept("TABLE"))
        {
            cursor.Accept("IF", "NOT", "EXISTS");
            return cursor.ReadName() is { } table ? [new SqlAction(SqlActionKind.CreateTable, table)] : [];
        }
        var unique = cursor.Accept("UNIQUE");
        cursor.SkipAny("FULLTEXT", "SPATIAL");
        if (!cursor.Accept("INDEX"))
            return [];
        var concurrently = cursor.Accept("CONCURRENTLY");
        cursor.Accept("IF", "NOT", "EXISTS");
        string? index = null;
        if (!cursor.Sees("ON"))
            index = cursor.ReadIdentifier();
        // MySQL allows "USING BTREE" before ON.
        if (cursor.Accept("USING"))
            cursor.Skip();
        if (!cursor.Accept("ON"))
            return [];
        cursor.Accept("ONLY");
        return cursor.ReadName() is { } on
            ? [new SqlAction(SqlActionKind.CreateIndex, on, index) { Unique = unique, Concurrently = concurrently }]
            : [];
    }

    private static IReadOnlyList<SqlAction> Drop(WordCursor cursor)
    {
        cursor.SkipAny("TEMPORARY");
        if (cursor.Accept("TABLE"))
        {
            cursor.Accept("IF", "EXISTS");
            return NameList(cursor).Select(t => new SqlAction(SqlActionKind.DropTable, t)).ToList();
        }
        if (cursor.Accept("SCHEMA") || cursor.Accept("DATABASE"))
        {
            cursor.Accept("IF", "EXISTS");
            return NameList(cursor).Select(s => new SqlAction(SqlActionKind.DropSchema, s)).ToList();
        }
        if (cursor.Accept("INDEX"))
        {
            var concurrently = cursor.Accept("CONCURRENTLY");
            cursor.Accept("IF", "EXISTS");
            var index = cursor.ReadName();
            // MySQL names the table: DROP INDEX i ON t.
            var table = cursor.Accept("ON") ? cursor.ReadName() : null;
            return index is null ? [] : [new SqlAction(SqlActionKind.DropIndex, table, index.Name) { Concurrently = concurrently }];
        }
        return [];
    }

    private static IReadOnlyList<SqlAction> Truncate(WordCursor cursor)
    {
        cursor.Accept("TABLE");
        cursor.Accept("ONLY");
        return NameList(cursor).Select(t => new SqlAction(SqlActionKind.Truncate, t)).ToList();
    }

    private static IReadOnlyList<SqlAction> Delete(WordCursor cursor)
    {
        cursor.SkipAny("LOW_PRIORITY", "QUICK", "IGNORE");
        if (!cursor.Accept("FROM"))
            return [];
        cursor.Accept("ONLY");
        var table = cursor.ReadName();
        if (table is null)
            return [];
        return [new SqlAction(cursor.HasAtTopLevel("WHERE") ? SqlActionKind.Delete : SqlActionKind.DeleteAll, table)];
    }

    private static IReadOnlyList<SqlAction> Update(WordCursor cursor)
    {
        cursor.SkipAny("LOW_PRIORITY", "IGNORE", "ONLY");
        var table = cursor.ReadName();
        if (table is null)
            return [];
        return [new SqlAction(cursor.HasAtTopLevel("WHERE") ? SqlActionKind.Update : SqlActionKind.UpdateAll, table)];
    }

    private static IReadOnlyList<SqlAction> Insert(WordCursor cursor)
    {
        cursor.SkipAny("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE");
        cursor.Accept("INTO");
        return cursor.ReadName() is { } table ? [new SqlAction(SqlActionKind.Insert, table)] : [];
    }

    private static IReadOnlyList<SqlAction> RenameTables(WordCursor cursor)
    {
        var actions = new List<SqlAction>();
        foreach (var pair in cursor.SplitAtTopLevelCommas())
        {
            var from = pair.ReadName();
            if (from is not null && pair.Accept("TO") && pair.ReadName() is { } to)
                actions.Add(new SqlAction(SqlActionKind.RenameTable, from) { NewName = to.Name });
        }
        return actions;
    }

    private static List<ObjectName> NameList(WordCursor cursor)
    {
        var names = new List<ObjectName>();
        do
        {
            if (cursor.ReadName() is { } name)
                names.Add(name);
        }
        while (cursor.Accept(','));
        return names;
    }
}
