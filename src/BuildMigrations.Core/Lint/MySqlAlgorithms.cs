namespace BuildMigrations.Core.Lint;

/// <summary>
/// How InnoDB (MySQL 8.0 online DDL, MariaDB 10.4+) carries out each form: INSTANT (metadata only), INPLACE
/// (writes go on; some rebuild the table) or COPY (a new table is filled row by row while writes wait).
/// </summary>
public static class MySqlAlgorithms
{
    /// <summary>The algorithm the server uses for <paramref name="action"/>, and whether the table is rebuilt.</summary>
    public static (string Algorithm, bool Rebuilds) For(SqlAction action)
    {
        if (action.Algorithm is { } chosen)
            return (chosen, chosen == "COPY");
        return action.Kind switch
        {
            SqlActionKind.CreateIndex or SqlActionKind.AddIndex or SqlActionKind.AddUnique or SqlActionKind.DropIndex => ("INPLACE", false),
            SqlActionKind.AddColumn or SqlActionKind.RenameColumn or SqlActionKind.RenameTable => ("INSTANT", false),
            // INSTANT from MySQL 8.0.29 and MariaDB 10.4; older servers rebuild the table in place.
            SqlActionKind.DropColumn => ("INSTANT", false),
            SqlActionKind.AddPrimaryKey or SqlActionKind.RebuildTable when action.Object != "PRIMARY KEY" => ("INPLACE", true),
            SqlActionKind.ChangeColumnType or SqlActionKind.ConvertCharset or SqlActionKind.AddCheck or SqlActionKind.RebuildTable => ("COPY", true),
            // With foreign_key_checks on (the default) only COPY can add a foreign key.
            SqlActionKind.AddForeignKey => ("COPY", true),
            SqlActionKind.Delete or SqlActionKind.DeleteAll or SqlActionKind.Update or SqlActionKind.UpdateAll or SqlActionKind.Insert => ("row locks", false),
            SqlActionKind.CreateTable or SqlActionKind.DropTable or SqlActionKind.DropSchema or SqlActionKind.Truncate => ("metadata lock", false),
            _ => ("INPLACE", false),
        };
    }

    /// <summary>Why <paramref name="action"/> copies the table, or null when it does not (or an explicit ALGORITHM forbids it).</summary>
    public static string? CopyReason(SqlAction action)
    {
        if (action.Algorithm is { } chosen)
            return chosen == "COPY" ? "ALGORITHM=COPY" : null;
        return action.Kind switch
        {
            SqlActionKind.ChangeColumnType => $"MODIFY/CHANGE of column {action.Object} restates its type",
            SqlActionKind.ConvertCharset => "CONVERT TO CHARACTER SET",
            SqlActionKind.RebuildTable when action.Object == "PRIMARY KEY" => "DROP PRIMARY KEY",
            SqlActionKind.AddForeignKey => "ADD FOREIGN KEY with foreign_key_checks on",
            _ => null,
        };
    }
}
