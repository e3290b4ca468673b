using BuildMigrations.Core.Sources;

namespace BuildMigrations.Core.Tests;

public class MigrationFolderTests
{
    private static string[] Codes(MigrationFolderResult result) => result.Diagnostics.Select(d => d.Code).ToArray();

    [Fact]
    public void Reads_updown_pairs_in_numeric_order()
    {
        var result = Folder.Parse(
            ("10_ten.up.sql", "SELECT 10;"), ("10_ten.down.sql", "SELECT -10;"),
            ("2_two.up.sql", "SELECT 2;"), ("2_two.down.sql", "SELECT -2;"),
            ("1.10_x.up.sql", "SELECT 1;"), ("1.10_x.down.sql", "SELECT 1;"),
            ("1.2_y.up.sql", "SELECT 1;"), ("1.2_y.down.sql", "SELECT 1;"),
            ("README.md", "not a migration"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["1.2_y", "1.10_x", "2_two", "10_ten"], result.Migrations.Migrations.Select(m => m.Name));
        Assert.Equal("SELECT -10;", result.Migrations.Migrations[3].Down!.Text);
    }

    [Fact]
    public void Reads_verify_scripts()
    {
        var result = Folder.Parse([.. Folder.TwoMigrations, ("0002_add_orders.verify.sql", "SELECT id FROM orders;")]);
        Assert.True(result.Succeeded);
        Assert.Equal("SELECT id FROM orders;", result.Migrations.Migrations[1].Verify!.Text);
        Assert.Null(result.Migrations.Migrations[0].Verify);
    }

    [Fact]
    public void Reports_every_problem_not_just_the_first()
    {
        var result = Folder.Parse(
            ("0001_a.up.sql", "SELECT 1;"), ("0001_a.down.sql", "SELECT 1;"),
            ("0001_b.up.sql", "SELECT 1;"), ("0001_b.down.sql", "SELECT 1;"),
            ("0002_orphan.down.sql", "SELECT 1;"),
            ("create customers.sql", "SELECT 1;"));

        Assert.False(result.Succeeded);
        Assert.Contains("BM1001", Codes(result));
        Assert.Contains("BM1002", Codes(result));
        Assert.Contains("BM1004", Codes(result));
        var duplicate = result.Diagnostics.First(d => d.Code == "BM1002");
        Assert.Equal("0001_b.down.sql", duplicate.File);
        Assert.Contains("0001_a.up.sql", duplicate.Message);
    }

    [Fact]
    public void Diagnostics_use_msbuild_canonical_form_with_the_display_root()
    {
        var result = MigrationFolder.Parse(Folder.Of(("0001_a.up.sql", "SELECT 1;")), new MigrationFolderOptions(), "migrations");
        Assert.Equal(
            $"{Path.Join("migrations", "0001_a.up.sql")}(1,1): error BM1003: this up script has no down script; add one, or declare '-- migration: irreversible <reason>' at the top",
            result.Diagnostics.Single().ToString());
    }

    [Fact]
    public void Same_number_written_differently_is_a_duplicate()
    {
        var result = Folder.Parse(("1_a.up.sql", "SELECT 1;"), ("1_a.down.sql", "SELECT 1;"), ("01_a.up.sql", "SELECT 1;"));
        Assert.Equal(["BM1002"], Codes(result));
    }

    [Fact]
    public void An_irreversible_migration_needs_no_down_and_keeps_its_reason()
    {
        var result = Folder.Parse(("0001_drop_legacy.up.sql", "-- migration: irreversible drops legacy data\nDROP TABLE legacy;"));
        Assert.True(result.Succeeded);
        Assert.Equal("drops legacy data", result.Migrations.Migrations[0].IrreversibleReason);
        Assert.Null(result.Migrations.Migrations[0].Down);
    }

    [Fact]
    public void Irreversible_needs_a_reason_and_no_down()
    {
        Assert.Equal(["BM1003", "BM1008"], Codes(Folder.Parse(("0001_a.up.sql", "-- migration: irreversible\nSELECT 1;"))));
        Assert.Equal(["BM1009"], Codes(Folder.Parse(("0001_a.up.sql", "-- migration: irreversible why\nSELECT 1;"), ("0001_a.down.sql", "SELECT 1;"))));
        Assert.Equal(["BM1010"], Codes(Folder.Parse(("0001_a.up.sql", "SELECT 1;"), ("0001_a.down.sql", "-- migration: irreversible why\nSELECT 1;"))));
    }

    [Fact]
    public void No_transaction_directive_marks_the_script()
    {
        var result = Folder.Parse(
            ("0001_idx.up.sql", "-- a comment first\n-- migration: no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);"),
            ("0001_idx.down.sql", "DROP INDEX i;"));
        Assert.True(result.Succeeded);
        Assert.False(result.Migrations.Migrations[0].Transactional);
        Assert.True(result.Migrations.Migrations[0].Down!.Transactional);
    }

    [Fact]
    public void Directives_after_the_first_statement_are_ignored()
    {
        var result = Folder.Parse(("0001_a.up.sql", "SELECT 1;\n-- migration: no-transaction\n"), ("0001_a.down.sql", "SELECT 1;"));
        Assert.True(result.Migrations.Migrations[0].Transactional);
    }

    [Fact]
    public void Unknown_directive_is_an_error_at_its_line()
    {
        var result = Folder.Parse(("0001_a.up.sql", "-- intro\n-- migration: no-transactions\nSELECT 1;"), ("0001_a.down.sql", "SELECT 1;"));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("BM1006", 2), (diagnostic.Code, diagnostic.Line));
    }

    [Fact]
    public void Empty_down_is_a_warning_that_nowarn_silences()
    {
        var warned = Folder.Parse(("0001_a.up.sql", "SELECT 1;"), ("0001_a.down.sql", "-- nothing to undo\n"));
        Assert.True(warned.Succeeded);
        Assert.Equal(["BM1007"], Codes(warned));

        var perFile = Folder.Parse(("0001_a.up.sql", "SELECT 1;"), ("0001_a.down.sql", "-- migration: nowarn BM1007\n"));
        Assert.Empty(perFile.Diagnostics);

        var perProject = MigrationFolder.Parse(Folder.Of(("0001_a.up.sql", "SELECT 1;"), ("0001_a.down.sql", "")), new MigrationFolderOptions(NoWarn: ["BM1007"]));
        Assert.Empty(perProject.Diagnostics);
    }

    [Fact]
    public void Nowarn_rejects_things_that_are_not_codes() =>
        Assert.Equal(["BM1011"], Codes(Folder.Parse(("0001_a.up.sql", "-- migration: nowarn empty\nSELECT 1;"), ("0001_a.down.sql", "SELECT 1;"))));

    [Fact]
    public void Invalid_utf8_is_an_error_naming_the_line()
    {
        var files = new List<SourceFile>(Folder.Of(("0001_a.down.sql", "SELECT 1;")))
        {
            new("0001_a.up.sql", [.. "SELECT 1;\n-- caf"u8, 0xE9, .. "\n"u8]),
        };
        var diagnostic = Assert.Single(MigrationFolder.Parse(files, new MigrationFolderOptions()).Diagnostics, d => d.IsError);
        Assert.Equal(("BM1005", 2), (diagnostic.Code, diagnostic.Line));
    }

    [Fact]
    public void An_empty_folder_warns()
    {
        var result = Folder.Parse(("notes.txt", "hello"));
        Assert.True(result.Succeeded);
        Assert.Equal(["BM1016"], Codes(result));
    }

    [Fact]
    public void Reads_flyway_names()
    {
        var result = Folder.Parse(MigrationFormat.Flyway,
            ("V1__create.sql", "CREATE TABLE a (id int);"), ("U1__create.sql", "DROP TABLE a;"),
            ("V1_1__alter.sql", "ALTER TABLE a ADD b int;"), ("U1_1__alter.sql", "ALTER TABLE a DROP b;"),
            ("V2__more.sql", "-- migration: irreversible data migration\nUPDATE a SET b = 1;"));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["1_create", "1.1_alter", "2_more"], result.Migrations.Migrations.Select(m => m.Name));
        Assert.Equal("DROP TABLE a;", result.Migrations.Migrations[0].Down!.Text);
    }

    [Theory]
    [InlineData(MigrationFormat.UpDown, "\u0661_create.up.sql")]
    [InlineData(MigrationFormat.UpDown, "1.\uFF12_create.up.sql")]
    [InlineData(MigrationFormat.Flyway, "V\u0661__create.sql")]
    [InlineData(MigrationFormat.Dbmate, "2026\u0967_create.sql")]
    public void Digits_of_other_scripts_are_a_bad_name_not_a_crash(MigrationFormat format, string name)
    {
        // Found by fuzzing (file-names): the name patterns' \d matched any Unicode digit, which versions refuse.
        var result = Folder.Parse(format, (name, "SELECT 1;"));
        Assert.Equal(["BM1001"], Codes(result));
    }

    [Fact]
    public void Flyway_repeatables_and_bad_names_are_reported()
    {
        var result = Folder.Parse(MigrationFormat.Flyway, ("R__views.sql", "SELECT 1;"), ("V1_create.sql", "SELECT 1;"));
        Assert.Equal(["BM1014", "BM1001"], Codes(result).OrderByDescending(c => c));
    }

    [Fact]
    public void Reads_dbmate_sections_with_their_source_lines()
    {
        var result = Folder.Parse(MigrationFormat.Dbmate,
            ("20260101000000_create.sql", "-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n"),
            ("20260102000000_index.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON a (id);\n-- migrate:down\nDROP INDEX i;\n"));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var first = result.Migrations.Migrations[0];
        Assert.Equal("CREATE TABLE a (id int);\n", first.Up.Text);
        Assert.Equal("DROP TABLE a;\n", first.Down!.Text);
        Assert.Equal((2, 5), (first.Up.SourceLine, first.Down.SourceLine));
        Assert.False(result.Migrations.Migrations[1].Transactional);
        Assert.Equal(["20260101000000_create.sql", "20260102000000_index.sql"], result.Migrations.SourceFiles.Select(f => f.Path));
    }

    [Fact]
    public void Dbmate_files_without_sections_or_down_are_reported()
    {
        Assert.Equal(["BM1015"], Codes(Folder.Parse(MigrationFormat.Dbmate, ("1_a.sql", "CREATE TABLE a (id int);"))));
        Assert.Equal(["BM1003"], Codes(Folder.Parse(MigrationFormat.Dbmate, ("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);"))));
    }

    [Fact]
    public void Source_files_are_listed_in_migration_order()
    {
        var result = Folder.Parse([.. Folder.TwoMigrations, ("0001_create_customers.verify.sql", "SELECT 1;")]);
        Assert.Equal(
            ["0001_create_customers.up.sql", "0001_create_customers.down.sql", "0001_create_customers.verify.sql", "0002_add_orders.up.sql", "0002_add_orders.down.sql"],
            result.Migrations.SourceFiles.Select(f => f.Path));
    }

    [Fact]
    public void Golang_migrate_descriptions_with_dots_are_accepted()
    {
        var result = Folder.Parse(("000071_upgrade_sessions_v6.1.up.sql", "SELECT 1;"), ("000071_upgrade_sessions_v6.1.down.sql", "SELECT 2;"), ("1.2_x.up.sql", "SELECT 3;"), ("1.2_x.down.sql", "SELECT 4;"));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["1.2_x", "000071_upgrade_sessions_v6.1"], result.Migrations.Migrations.Select(m => m.Name));
    }
}
