namespace BuildMigrations.Core.Lint;

/// <summary>The subcommands of <c>ALTER TABLE name action [, action]...</c>, in PostgreSQL's and MySQL's grammars.</summary>
internal static class AlterTableRecognizer
{
    // Defaults that give each row its own value: PostgreSQL 11+ must then rewrite the table to store them.
    private static readonly HashSet<string> VolatileFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp",
        "timeofday", "nextval", "uuid", "uuidv4", "uuidv7",
    };

    private static readonly HashSet<string> SerialTypes = new(StringComparer.OrdinalIgnoreCase) { "serial", "bigserial", "smallserial", "serial4", "serial8", "serial2" };

    /// <summary>Reads what follows <c>ALTER TABLE</c>.</summary>
    public static IReadOnlyList<SqlAction> Recognize(WordCursor cursor)
    {
        cursor.Accept("IF", "EXISTS");
        cursor.Accept("ONLY");
        var table = cursor.ReadName();
        if (table is null)
            return [];
        cursor.Accept('*');

        var actions = new List<SqlAction>();
        string? algorithm = null;
        foreach (var clause in cursor.SplitAtTopLevelCommas())
        {
            if (clause.Accept("ALGORITHM"))
            {
                clause.Accept('=');
                algorithm = clause.ReadIdentifier()?.ToUpperInvariant();
                continue;
            }
            if (clause.Accept("LOCK"))
                continue;
            if (Subcommand(clause, table) is { } action)
                actions.Add(action);
        }
        return algorithm is null ? actions : actions.Select(a => a with { Algorithm = algorithm }).ToList();
    }

    private static SqlAction? Subcommand(WordCursor clause, ObjectName table)
    {
        if (clause.Accept("ADD"))
            return Add(clause, table);
        if (clause.Accept("DROP"))
            return Drop(clause, table);
        if (clause.Accept("RENAME"))
            return Rename(clause, table);
        if (clause.Accept("VALIDATE", "CONSTRAINT"))
            return new SqlAction(SqlActionKind.ValidateConstraint, table, clause.ReadIdentifier());
        if (clause.Accept("MODIFY"))
        {
            clause.Accept("COLUMN");
            return ColumnDefinition(SqlActionKind.ChangeColumnType, clause, table);
        }
        if (clause.Accept("CHANGE"))
            return Change(clause, table);
        if (clause.Accept("CONVERT", "TO"))
            return new SqlAction(SqlActionKind.ConvertCharset, table);
        if (clause.Sees("ENGINE") || clause.Sees("FORCE"))
            return new SqlAction(SqlActionKind.RebuildTable, table);
        if (clause.Accept("ALTER"))
            return AlterColumn(clause, table);
        return new SqlAction(SqlActionKind.OtherAlterTable, table);
    }

    private static SqlAction Add(WordCursor clause, ObjectName table)
    {
        string? constraint = null;
        if (clause.Accept("CONSTRAINT"))
        {
            // MySQL allows ADD CONSTRAINT without a name before the kind: ADD CONSTRAINT UNIQUE (a).
            if (!clause.Sees("FOREIGN") && !clause.Sees("CHECK") && !clause.Sees("UNIQUE") && !clause.Sees("PRIMARY"))
                constraint = clause.ReadIdentifier();
        }
        var notValid = clause.RestHasPair("NOT", "VALID");
        if (clause.Accept("FOREIGN", "KEY"))
            return new SqlAction(SqlActionKind.AddForeignKey, table, constraint) { NotValid = notValid };
        if (clause.Accept("CHECK"))
            return new SqlAction(SqlActionKind.AddCheck, table, constraint) { NotValid = notValid };
        if (clause.Accept("PRIMARY", "KEY"))
            return new SqlAction(SqlActionKind.AddPrimaryKey, table, constraint) { UsingIndex = clause.RestHasPair("USING", "INDEX") };
        if (clause.Accept("UNIQUE"))
        {
            clause.SkipAny("INDEX", "KEY");
            var name = constraint ?? (clause.Peek() is { IsName: true } word && !word.Is("USING") ? word.Text : null);
            return new SqlAction(SqlActionKind.AddUnique, table, name) { UsingIndex = clause.RestHasPair("USING", "INDEX") };
        }
        if (clause.Accept("EXCLUDE"))
            return new SqlAction(SqlActionKind.OtherAlterTable, table, constraint);
        if (clause.Sees("INDEX") || clause.Sees("KEY") || clause.Sees("FULLTEXT") || clause.Sees("SPATIAL"))
        {
            clause.SkipAny("FULLTEXT", "SPATIAL", "INDEX", "KEY");
            return new SqlAction(SqlActionKind.AddIndex, table, clause.Peek() is { IsName: true } word ? word.Text : null);
        }
        if (clause.Sees("PARTITION"))
            return new SqlAction(SqlActionKind.OtherAlterTable, table);
        clause.Accept("COLUMN");
        clause.Accept("IF", "NOT", "EXISTS");
        return ColumnDefinition(SqlActionKind.AddColumn, clause, table);
    }

    /// <summary>A column definition: <c>name type [constraints...]</c>, with its NOT NULL and DEFAULT flags.</summary>
    private static SqlAction ColumnDefinition(SqlActionKind kind, WordCursor clause, ObjectName table)
    {
        var column = clause.ReadIdentifier();
        var type = clause.Peek()?.Text ?? "";
        var words = clause.Rest().ToList();
        var defaultAt = words.FindIndex(w => w.Is("DEFAULT"));
        var generated = words.Any(w => w.Is("GENERATED") || w.Is("AUTO_INCREMENT") || w.Is("IDENTITY")) || SerialTypes.Contains(type);
        var volatileDefault = generated || (defaultAt >= 0 && defaultAt + 1 < words.Count && VolatileFunctions.Contains(words[defaultAt + 1].Text));
        return new SqlAction(kind, table, column)
        {
            NotNull = clause.RestHasPair("NOT", "NULL") || clause.RestHasPair("PRIMARY", "KEY"),
            HasDefault = defaultAt >= 0 || generated,
            VolatileDefault = volatileDefault,
        };
    }

    private static SqlAction Drop(WordCursor clause, ObjectName table)
    {
        if (clause.Accept("PRIMARY", "KEY"))
            return new SqlAction(SqlActionKind.RebuildTable, table, "PRIMARY KEY");
        foreach (var notAColumn in new[] { "CONSTRAINT", "INDEX", "KEY", "FOREIGN", "CHECK", "PARTITION", "DEFAULT" })
        {
            if (clause.Sees(notAColumn))
                return new SqlAction(SqlActionKind.OtherAlterTable, table);
        }
        clause.Accept("COLUMN");
        clause.Accept("IF", "EXISTS");
        return new SqlAction(SqlActionKind.DropColumn, table, clause.ReadIdentifier());
    }

    private static SqlAction Rename(WordCursor clause, ObjectName table)
    {
        if (clause.Accept("TO") || clause.Accept("AS"))
            return new SqlAction(SqlActionKind.RenameTable, table) { NewName = clause.ReadName()?.Name };
        if (clause.Sees("CONSTRAINT") || clause.Sees("INDEX") || clause.Sees("KEY"))
            return new SqlAction(SqlActionKind.OtherAlterTable, table);
        clause.Accept("COLUMN");
        var column = clause.ReadIdentifier();
        if (column is null)
            return new SqlAction(SqlActionKind.OtherAlterTable, table);
        // MySQL also reads "RENAME new_name" without TO as a table rename; only "a TO b" is a column.
        if (!clause.Accept("TO"))
            return new SqlAction(SqlActionKind.RenameTable, table) { NewName = column };
        return new SqlAction(SqlActionKind.RenameColumn, table, column) { NewName = clause.ReadIdentifier() };
    }

    private static SqlAction Change(WordCursor clause, ObjectName table)
    {
        clause.Accept("COLUMN");
        var old = clause.ReadIdentifier();
        var definition = ColumnDefinition(SqlActionKind.ChangeColumnType, clause, table);
        // CHANGE old new type: a rename when the names differ (and always a restated type).
        return old is not null && definition.Object is not null && !old.Equals(definition.Object, StringComparison.OrdinalIgnoreCase)
            ? new SqlAction(SqlActionKind.RenameColumn, table, old) { NewName = definition.Object }
            : definition with { Object = old ?? definition.Object };
    }

    private static SqlAction AlterColumn(WordCursor clause, ObjectName table)
    {
        if (clause.Sees("CONSTRAINT") || clause.Sees("INDEX") || clause.Sees("CHECK"))
            return new SqlAction(SqlActionKind.OtherAlterTable, table);
        clause.Accept("COLUMN");
        var column = clause.ReadIdentifier();
        if (clause.Accept("TYPE") || clause.Accept("SET", "DATA", "TYPE"))
            return new SqlAction(SqlActionKind.ChangeColumnType, table, column);
        if (clause.Accept("SET", "NOT", "NULL"))
            return new SqlAction(SqlActionKind.SetNotNull, table, column);
        return new SqlAction(SqlActionKind.OtherAlterTable, table, column);
    }
}
