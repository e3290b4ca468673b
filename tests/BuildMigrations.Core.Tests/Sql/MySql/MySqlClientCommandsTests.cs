using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Sources;
using BuildMigrations.Core.Sql.MySql;

namespace BuildMigrations.Core.Tests.Sql.MySql;

public sealed class MySqlClientCommandsTests
{
    private static IReadOnlyList<(string Command, int Line)> Find(string script) => MySqlClientCommands.Find(MySqlStatementSplitter.Split(script));

    [Theory]
    [InlineData("CREATE TABLE t (id INT);\n\\! touch /tmp/x\n", "\\!", 2)]
    [InlineData("SELECT 1;\nsystem touch /tmp/x;\n", "system", 2)]
    [InlineData("SOURCE other.sql;\n", "SOURCE", 1)]
    [InlineData("SELECT 1;\n\n\\. other.sql\n", "\\.", 3)]
    [InlineData("connect otherdb;\n", "connect", 1)]
    [InlineData("SELECT 1 /*! \\! id */;\n", "\\!", 1)]
    [InlineData("DELIMITER //\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND //\nDELIMITER ;\n\\q\n", "\\q", 7)]
    public void A_client_command_is_found_at_its_line(string script, string command, int line) =>
        Assert.Equal([(command, line)], Find(script));

    [Theory]
    [InlineData("INSERT INTO t VALUES ('\\\\! not a command', 'system');\n")]
    [InlineData("-- \\! in a comment\n# system in a comment\n/* \\! */ SELECT 1;\n")]
    [InlineData("USE other;\nCREATE TABLE t (status INT, `system` INT);\n")]
    [InlineData("DELIMITER //\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END //\nDELIMITER ;\n")]
    [InlineData("SELECT `\\!`, \"\\\\.\" FROM t;\n")]
    public void SQL_that_only_looks_like_a_client_command_is_not_refused(string script) =>
        Assert.Empty(Find(script));

    [Fact]
    public void The_build_refuses_a_MariaDB_script_with_a_shell_escape_at_its_file_and_line()
    {
        var root = Directory.CreateTempSubdirectory("bm-client-").FullName;
        try
        {
            var migrations = Folder.OnDisk(root,
                ("0001_a.up.sql", "CREATE TABLE a (id INT);\n"),
                ("0001_a.down.sql", "DROP TABLE a;\n"),
                ("0002_b.up.sql", "-- migration: no-transaction\nCREATE TABLE b (id INT);\n\\! touch pwned\n"),
                ("0002_b.down.sql", "system rm -rf pwned\n"));
            var output = Path.Combine(root, "a.mbundle");
            var result = BundleCompiler.Compile(new BundleCompilation(migrations, new MigrationFolderOptions(),
                new BundleIdentity("Demo", "1.0.0", "mariadb"), output, SumPolicy.EnforceIfPresent));

            Assert.False(result.Succeeded);
            Assert.False(File.Exists(output));
            Assert.Equal(
                [("BM1019", Path.Join(migrations, "0002_b.down.sql"), 1), ("BM1019", Path.Join(migrations, "0002_b.up.sql"), 3)],
                result.Diagnostics.Select(d => (d.Code, d.File, d.Line)).OrderBy(d => d.File, StringComparer.Ordinal));

            var postgres = BundleCompiler.Compile(new BundleCompilation(migrations, new MigrationFolderOptions(),
                new BundleIdentity("Demo", "1.0.0", "postgresql"), output, SumPolicy.EnforceIfPresent));
            Assert.DoesNotContain(postgres.Diagnostics, d => d.Code == "BM1019");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
