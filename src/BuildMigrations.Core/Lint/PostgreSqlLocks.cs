namespace BuildMigrations.Core.Lint;

/// <summary>
/// The table lock each form takes on PostgreSQL, as documented in the manual's "Explicit Locking" chapter
/// (13.3.1) and each command's reference page, and whether it rewrites the table.
/// </summary>
public static class PostgreSqlLocks
{
    /// <summary>Lock modes from weakest to strongest: a statement with several subcommands takes the strongest.</summary>
    public static readonly IReadOnlyList<string> Modes =
    [
        "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE",
    ];

    /// <summary>The lock <paramref name="action"/> takes on its table (null: none on an existing table), and whether it rewrites it.</summary>
    public static (string? Lock, bool Rewrites) For(SqlAction action) => action.Kind switch
    {
        SqlActionKind.CreateTable => (null, false),
        SqlActionKind.CreateIndex => (action.Concurrently ? "SHARE UPDATE EXCLUSIVE" : "SHARE", false),
        SqlActionKind.DropIndex => (action.Concurrently ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE", false),
        // REINDEX locks out writes (SHARE on the table) and takes ACCESS EXCLUSIVE on each index it rebuilds.
        SqlActionKind.Reindex => (action.Concurrently ? "SHARE UPDATE EXCLUSIVE" : "SHARE", false),
        SqlActionKind.Delete or SqlActionKind.DeleteAll or SqlActionKind.Update or SqlActionKind.UpdateAll or SqlActionKind.Insert => ("ROW EXCLUSIVE", false),
        SqlActionKind.AddForeignKey => ("SHARE ROW EXCLUSIVE", false),
        SqlActionKind.ValidateConstraint => ("SHARE UPDATE EXCLUSIVE", false),
        SqlActionKind.ChangeColumnType or SqlActionKind.VacuumFull or SqlActionKind.Cluster => ("ACCESS EXCLUSIVE", true),
        SqlActionKind.AddColumn => ("ACCESS EXCLUSIVE", action.VolatileDefault),
        // Everything else ALTER TABLE does, DROP TABLE, TRUNCATE and DROP SCHEMA.
        _ => ("ACCESS EXCLUSIVE", false),
    };

    /// <summary>The stronger of two lock modes (null is no lock).</summary>
    public static string? Strongest(string? a, string? b)
    {
        if (a is null)
            return b;
        if (b is null)
            return a;
        return Rank(a) >= Rank(b) ? a : b;
    }

    private static int Rank(string mode) => Modes.ToList().IndexOf(mode);
}
