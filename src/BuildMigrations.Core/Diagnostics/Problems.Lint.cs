namespace BuildMigrations.Core.Diagnostics;

/// <summary>BM6xxx: lint, risky SQL found at build time. Warnings by default; severities follow .editorconfig.</summary>
public static partial class Problems
{
    private static Diagnostic Lint(string code, string message, string file, int line) =>
        Warning(code, $"{message}; {HowToSilence(code)}", file, line, 1);

    public static Diagnostic LintDropTable(string file, int line, string table) =>
        Lint("BM6001", $"DROP TABLE {table} deletes the table and its data, and code still running against it fails; drop it in a later release, after no deployed code reads it", file, line);

    public static Diagnostic LintDropColumn(string file, int line, string table, string column) =>
        Lint("BM6002", $"dropping column {column} of {table} deletes its data, and running code that selects it fails; stop using the column first and drop it in a later release", file, line);

    public static Diagnostic LintDropSchema(string file, int line, string schema) =>
        Lint("BM6003", $"dropping {schema} deletes every object in it; drop its objects one by one in a release after nothing uses them", file, line);

    public static Diagnostic LintTruncate(string file, int line, string table) =>
        Lint("BM6004", $"TRUNCATE {table} deletes every row and takes an ACCESS EXCLUSIVE lock; if the data must go, delete it in batches with a WHERE clause", file, line);

    public static Diagnostic LintDeleteWithoutWhere(string file, int line, string table) =>
        Lint("BM6005", $"DELETE FROM {table} has no WHERE clause and deletes every row; add the WHERE clause that says which rows go", file, line);

    public static Diagnostic LintUpdateWithoutWhere(string file, int line, string table) =>
        Lint("BM6006", $"UPDATE {table} has no WHERE clause and rewrites every row in one transaction; add a WHERE clause, or backfill in batches", file, line);

    public static Diagnostic LintRenameTable(string file, int line, string table, string? newName) =>
        Lint("BM6007", $"renaming table {table}{To(newName)} breaks running code that uses the old name; create the new table (or a view under the old name), move code over, then drop the old one in a later release", file, line);

    public static Diagnostic LintRenameColumn(string file, int line, string table, string column, string? newName) =>
        Lint("BM6008", $"renaming column {column} of {table}{To(newName)} breaks running code that uses the old name; add the new column, write both, backfill, move reads, then drop the old one in a later release", file, line);

    public static Diagnostic LintColumnTypeChange(string file, int line, string table, string column) =>
        Lint("BM6009", $"changing the type of column {column} of {table} can break running code that reads or writes it; add a column of the new type, backfill it, move code over, then drop the old column", file, line);

    public static Diagnostic LintAddNotNullColumnWithoutDefault(string file, int line, string table, string column) =>
        Lint("BM6010", $"adding column {column} to {table} as NOT NULL without a DEFAULT fails once the table has rows (MySQL fills in an implicit value instead), and inserts from running code that do not name it fail; give it a DEFAULT, or add it nullable, backfill, then set NOT NULL", file, line);

    public static Diagnostic LintSetNotNull(string file, int line, string table, string column) =>
        Lint("BM6011", $"SET NOT NULL on column {column} of {table} fails if any row holds NULL and scans the whole table under an ACCESS EXCLUSIVE lock; first add CHECK ({column} IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL (PostgreSQL 12+ then skips the scan)", file, line);

    public static Diagnostic LintNewUnique(string file, int line, string table, string what) =>
        Lint("BM6012", $"the new unique {what} on {table} fails if existing rows hold duplicates, and inserts from running code may start failing; check for duplicates first, and on PostgreSQL build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX", file, line);

    public static Diagnostic LintIndexWithoutConcurrently(string file, int line, string table, string index) =>
        Lint("BM6013", $"CREATE INDEX {index} on {table} takes a SHARE lock that blocks every write to the table until the index is built; use CREATE INDEX CONCURRENTLY in a script marked '-- migration: no-transaction'", file, line);

    public static Diagnostic LintForeignKeyWithoutNotValid(string file, int line, string table, string constraint) =>
        Lint("BM6014", $"adding foreign key {constraint} on {table} checks every row while blocking writes to both tables; add it with NOT VALID, then VALIDATE CONSTRAINT in a later statement (which lets writes go on)", file, line);

    public static Diagnostic LintCheckWithoutNotValid(string file, int line, string table, string constraint) =>
        Lint("BM6015", $"adding check constraint {constraint} on {table} scans every row under an ACCESS EXCLUSIVE lock; add it with NOT VALID, then VALIDATE CONSTRAINT in a later statement", file, line);

    public static Diagnostic LintTypeChangeRewrites(string file, int line, string table, string column) =>
        Lint("BM6016", $"changing the type of column {column} of {table} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (unless the types are binary-coercible, e.g. varchar to text); add a new column, backfill in batches, and switch over", file, line);

    public static Diagnostic LintVacuumFull(string file, int line, string table) =>
        Lint("BM6017", $"VACUUM FULL {table} rewrites the table under an ACCESS EXCLUSIVE lock; use plain VACUUM, or pg_repack for an online rewrite", file, line);

    public static Diagnostic LintCluster(string file, int line, string table) =>
        Lint("BM6018", $"CLUSTER {table} rewrites the table under an ACCESS EXCLUSIVE lock; use pg_repack for an online rewrite, or leave the order to future inserts", file, line);

    public static Diagnostic LintReindexWithoutConcurrently(string file, int line, string target) =>
        Lint("BM6019", $"REINDEX {target} blocks writes (and reads that use the index) until it finishes; use REINDEX ... CONCURRENTLY in a script marked '-- migration: no-transaction'", file, line);

    public static Diagnostic LintConcurrentlyInTransaction(string file, int line, string statement) =>
        Lint("BM6020", $"{statement} CONCURRENTLY cannot run inside a transaction block, and this script runs in one; add '-- migration: no-transaction' at the top of the script", file, line);

    public static Diagnostic LintMySqlTableCopy(string file, int line, string table, string why) =>
        Lint("BM6021", $"this ALTER TABLE on {table} ({why}) makes MySQL/MariaDB copy the whole table while writes wait; add ALGORITHM=INPLACE, LOCK=NONE so the server refuses rather than copies, or use an online schema-change tool (gh-ost, pt-online-schema-change)", file, line);

    public static Diagnostic LintVolatileDefault(string file, int line, string table, string column) =>
        Lint("BM6022", $"adding column {column} to {table} with a default computed per row (or an identity/generated column) rewrites the table under an ACCESS EXCLUSIVE lock; add the column without that default, backfill in batches, then set the default", file, line);

    public static Diagnostic LintDropIndexWithoutConcurrently(string file, int line, string index) =>
        Lint("BM6023", $"DROP INDEX {index} takes an ACCESS EXCLUSIVE lock on its table, queued behind every running query; use DROP INDEX CONCURRENTLY in a script marked '-- migration: no-transaction'", file, line);

    private static string To(string? newName) => newName is null ? "" : $" to {newName}";
}
