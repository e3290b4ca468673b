using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Sources;
using BuildMigrations.Core.Sql;
using BuildMigrations.Core.Sql.PostgreSql;

namespace BuildMigrations.Core.Tests.Sql;

public sealed class TransactionControlTests
{
    private static string[] Found(string script) =>
        TransactionControl.Find(PostgreSqlStatementSplitter.Split(script)).Select(f => $"{f.Statement.Line}:{f.Command}").ToArray();

    [Theory]
    [InlineData("BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n", new[] { "1:BEGIN", "3:COMMIT" })]
    [InlineData("start transaction isolation level serializable;\nupdate t set a = 1;\nend;\n", new[] { "1:START TRANSACTION", "3:END" })]
    [InlineData("UPDATE t SET a = 1;\nROLLBACK;\n", new[] { "2:ROLLBACK" })]
    [InlineData("ROLLBACK TO SAVEPOINT never_declared;\n", new[] { "1:ROLLBACK TO NEVER_DECLARED" })]
    [InlineData("RELEASE SAVEPOINT nope;\n", new[] { "1:RELEASE NOPE" })]
    [InlineData("abort;\n", new[] { "1:ABORT" })]
    [InlineData("PREPARE TRANSACTION 'x';\n", new[] { "1:PREPARE TRANSACTION" })]
    public void Transaction_control_is_found_at_its_line(string script, string[] expected) => Assert.Equal(expected, Found(script));

    [Theory]
    [InlineData("SAVEPOINT before_backfill;\nUPDATE t SET a = 1;\nROLLBACK TO SAVEPOINT before_backfill;\nRELEASE before_backfill;\n")]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n")]
    [InlineData("DO $$ BEGIN PERFORM 1; END $$;\n")]
    [InlineData("-- BEGIN; in a comment\nCREATE TABLE begin_log (committed boolean);\nINSERT INTO begin_log VALUES (true);\n")]
    [InlineData("PREPARE q AS SELECT 1;\nCOMMENT ON TABLE t IS 'commit';\n")]
    public void Statements_that_only_mention_transactions_are_fine(string script) => Assert.Empty(Found(script));

    [Theory]
    [InlineData("postgresql")]
    [InlineData("sqlite")]
    public void The_build_refuses_a_wrapped_transactional_script_but_not_a_no_transaction_one(string engine)
    {
        var root = Directory.CreateTempSubdirectory("bm-txn-").FullName;
        try
        {
            var migrations = Folder.OnDisk(root,
                ("0001_a.up.sql", "-- golang-migrate style\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n"),
                ("0001_a.down.sql", "DROP TABLE a;\n"),
                ("0002_b.up.sql", "-- migration: no-transaction\nBEGIN;\nCREATE TABLE b (id int);\nCOMMIT;\n"),
                ("0002_b.down.sql", "DROP TABLE b;\n"));
            var output = Path.Combine(root, "a.mbundle");
            var result = BundleCompiler.Compile(new BundleCompilation(migrations, new MigrationFolderOptions(),
                new BundleIdentity("Demo", "1.0.0", engine), output, SumPolicy.EnforceIfPresent));

            Assert.False(result.Succeeded);
            var up = Path.Join(migrations, "0001_a.up.sql");
            Assert.Equal([("BM1020", up, 2), ("BM1020", up, 4)], result.Diagnostics.Select(d => (d.Code, d.File, d.Line)));
            Assert.Contains("no-transaction", result.Diagnostics[0].Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
