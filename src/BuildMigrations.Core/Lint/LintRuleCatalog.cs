namespace BuildMigrations.Core.Lint;

/// <summary>A lint rule as code-scanning tools describe it.</summary>
/// <param name="Code">The stable BM6xxx code.</param>
/// <param name="Name">A PascalCase name (SARIF's rule name).</param>
/// <param name="Title">What it finds.</param>
/// <param name="Help">The safe form.</param>
public sealed record LintRule(string Code, string Name, string Title, string Help);

/// <summary>Every lint rule, for SARIF rule metadata and documentation checks. Messages live in Problems.Lint.</summary>
public static class LintRuleCatalog
{
    public static IReadOnlyList<LintRule> All { get; } =
    [
        new("BM6001", "DropTable", "DROP TABLE on an existing table", "Drop a table in a release after no deployed code reads it; keep its data until then."),
        new("BM6002", "DropColumn", "DROP COLUMN on an existing table", "Stop reading and writing the column first (release N), drop it in release N+1."),
        new("BM6003", "DropSchema", "DROP SCHEMA or DROP DATABASE", "Drop objects one by one in a release after nothing uses them."),
        new("BM6004", "Truncate", "TRUNCATE of an existing table", "Delete the rows that must go in batches, with a WHERE clause."),
        new("BM6005", "DeleteWithoutWhere", "DELETE without WHERE", "Add the WHERE clause that says which rows go."),
        new("BM6006", "UpdateWithoutWhere", "UPDATE without WHERE", "Add a WHERE clause, or backfill in batches."),
        new("BM6007", "RenameTable", "RENAME of a table", "Create the new table or a view under the old name, move code over, drop the old name later."),
        new("BM6008", "RenameColumn", "RENAME of a column", "Add the new column, write both, backfill, move reads, drop the old column later."),
        new("BM6009", "ColumnTypeChange", "Column type change", "Add a column of the new type, backfill it, move code over, drop the old column later."),
        new("BM6010", "AddNotNullColumnWithoutDefault", "ADD COLUMN ... NOT NULL without DEFAULT", "Give the column a DEFAULT, or add it nullable, backfill, then set NOT NULL."),
        new("BM6011", "SetNotNull", "SET NOT NULL on an existing column (PostgreSQL)", "Add CHECK (c IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL."),
        new("BM6012", "NewUniqueOnExistingTable", "New UNIQUE index or constraint on an existing table", "Check for duplicates first; on PostgreSQL CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX."),
        new("BM6013", "CreateIndexWithoutConcurrently", "CREATE INDEX without CONCURRENTLY (PostgreSQL)", "CREATE INDEX CONCURRENTLY in a script marked '-- migration: no-transaction'."),
        new("BM6014", "ForeignKeyWithoutNotValid", "ADD FOREIGN KEY without NOT VALID (PostgreSQL)", "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, then VALIDATE CONSTRAINT in a later statement."),
        new("BM6015", "CheckWithoutNotValid", "ADD CHECK without NOT VALID (PostgreSQL)", "ADD CONSTRAINT ... CHECK (...) NOT VALID, then VALIDATE CONSTRAINT in a later statement."),
        new("BM6016", "TypeChangeRewritesTable", "Column type change that rewrites the table (PostgreSQL)", "Add a new column, backfill it in batches, switch over; varchar to text and wider varchar need no rewrite."),
        new("BM6017", "VacuumFull", "VACUUM FULL (PostgreSQL)", "Plain VACUUM, or pg_repack for an online rewrite."),
        new("BM6018", "Cluster", "CLUSTER (PostgreSQL)", "pg_repack for an online rewrite."),
        new("BM6019", "ReindexWithoutConcurrently", "REINDEX without CONCURRENTLY (PostgreSQL)", "REINDEX ... CONCURRENTLY in a script marked '-- migration: no-transaction'."),
        new("BM6020", "ConcurrentlyInTransaction", "CONCURRENTLY in a transactional script (PostgreSQL)", "Add '-- migration: no-transaction' at the top of the script."),
        new("BM6021", "MySqlTableCopy", "ALTER TABLE that copies the table (MySQL/MariaDB)", "Add ALGORITHM=INPLACE, LOCK=NONE so the server refuses rather than copies, or use gh-ost / pt-online-schema-change."),
        new("BM6022", "VolatileDefaultRewritesTable", "ADD COLUMN with a per-row default (PostgreSQL)", "Add the column without that default, backfill in batches, then set the default."),
        new("BM6023", "DropIndexWithoutConcurrently", "DROP INDEX without CONCURRENTLY (PostgreSQL)", "DROP INDEX CONCURRENTLY in a script marked '-- migration: no-transaction'."),
    ];

    /// <summary>The rule with <paramref name="code"/>, or null for a code that is not a lint rule.</summary>
    public static LintRule? Find(string code) => All.FirstOrDefault(r => r.Code == code);
}
