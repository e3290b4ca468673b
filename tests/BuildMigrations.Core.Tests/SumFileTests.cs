using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Integrity;
using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Tests;

public class SumFileTests
{
    private static MigrationSet Set(params (string, string)[] files) => Folder.Parse(files).Migrations;

    private static readonly (string, string)[] Three =
    [
        .. Folder.TwoMigrations,
        ("0003_add_items.up.sql", "CREATE TABLE items (id int);\n"),
        ("0003_add_items.down.sql", "DROP TABLE items;\n"),
    ];

    private static IReadOnlyList<SumMismatch> Compare((string, string)[] recorded, (string, string)[] now) =>
        SumComparison.Compare(SumFile.Compute(Set(recorded)), Set(now).SourceFiles);

    [Fact]
    public void Formats_and_parses_back()
    {
        var sum = SumFile.Compute(Set(Folder.TwoMigrations));
        var text = sum.Format();
        Assert.StartsWith("h1:", text);
        Assert.Contains("\n0001_create_customers.up.sql h1:", text);
        Assert.Equal(5, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var parsed = SumFile.TryParse(text, out _)!;
        Assert.Equal(sum.TotalHash, parsed.TotalHash);
        Assert.Equal(sum.Lines, parsed.Lines);
    }

    [Fact]
    public void Hashes_are_cumulative_so_each_line_depends_on_all_before_it()
    {
        var before = SumFile.Compute(Set(Folder.TwoMigrations));
        var edited = Folder.TwoMigrations.ToArray();
        edited[0] = (edited[0].Item1, "CREATE TABLE customers (id bigint);\n");
        var after = SumFile.Compute(Set(edited));
        Assert.All(Enumerable.Range(0, 4), i => Assert.NotEqual(before.Lines[i].Hash, after.Lines[i].Hash));
    }

    [Fact]
    public void An_unchanged_folder_matches() => Assert.Empty(Compare(Three, Three));

    [Fact]
    public void An_added_migration_is_reported_at_the_line_where_it_belongs()
    {
        var mismatches = Compare(Folder.TwoMigrations, Three);
        Assert.Equal(
            [new SumMismatch(SumMismatchReason.Added, "0003_add_items.up.sql", 6), new SumMismatch(SumMismatchReason.Added, "0003_add_items.down.sql", 6)],
            mismatches);
    }

    [Fact]
    public void An_edited_file_is_reported_once_at_its_own_line()
    {
        var edited = Three.ToArray();
        edited[2] = (edited[2].Item1, "CREATE TABLE orders (id bigint);\n");
        Assert.Equal([new SumMismatch(SumMismatchReason.Edited, "0002_add_orders.up.sql", 4)], Compare(Three, edited));
    }

    [Fact]
    public void A_removed_file_is_reported_at_its_line()
    {
        var mismatches = Compare(Three, [.. Three.Take(4)]);
        Assert.Equal(
            [new SumMismatch(SumMismatchReason.Removed, "0003_add_items.up.sql", 6), new SumMismatch(SumMismatchReason.Removed, "0003_add_items.down.sql", 7)],
            mismatches);
    }

    [Fact]
    public void A_reordered_migration_is_reported()
    {
        // 0001 renumbered to 0004: same files, same content, new position.
        var renamed = new (string, string)[]
        {
            ("0001_create_customers.up.sql", "CREATE TABLE orders (id int);\n"),
            ("0001_create_customers.down.sql", "DROP TABLE orders;\n"),
            ("0002_add_orders.up.sql", "CREATE TABLE customers (id int);\n"),
            ("0002_add_orders.down.sql", "DROP TABLE customers;\n"),
        };
        var recorded = SumFile.Compute(new[]
        {
            ("0002_add_orders.up.sql", Set(renamed).SourceFiles[2].Sha256),
            ("0002_add_orders.down.sql", Set(renamed).SourceFiles[3].Sha256),
            ("0001_create_customers.up.sql", Set(renamed).SourceFiles[0].Sha256),
            ("0001_create_customers.down.sql", Set(renamed).SourceFiles[1].Sha256),
        });
        var mismatches = SumComparison.Compare(recorded, Set(renamed).SourceFiles);
        Assert.Contains(mismatches, m => m.Reason == SumMismatchReason.Reordered);
        Assert.DoesNotContain(mismatches, m => m.Reason is SumMismatchReason.Edited or SumMismatchReason.Removed or SumMismatchReason.Added);
    }

    [Fact]
    public void A_hand_edited_total_is_tampering()
    {
        var sum = SumFile.Compute(Set(Three));
        var tampered = sum with { TotalHash = "h1:AAAA" };
        Assert.Equal([new SumMismatch(SumMismatchReason.Tampered, null, 1)], SumComparison.Compare(tampered, Set(Three).SourceFiles));
    }

    [Fact]
    public void Merge_conflict_markers_are_malformed_lines()
    {
        var text = SumFile.Compute(Set(Folder.TwoMigrations)).Format() + "<<<<<<< HEAD\n";
        Assert.Null(SumFile.TryParse(text, out var line));
        Assert.Equal(6, line);
    }

    [Fact]
    public void A_file_listed_twice_is_a_malformed_line_not_a_crash()
    {
        // Found by fuzzing (sum-file): the comparison indexed and keyed recorded lines by path, and threw.
        var lines = SumFile.Compute(Set(Folder.TwoMigrations)).Format().Split('\n');
        var text = string.Join('\n', [.. lines[..3], lines[2], .. lines[3..]]);
        Assert.Null(SumFile.TryParse(text, out var line));
        Assert.Equal(4, line);
        var result = SumCheck.Run("migrations.sum", text, Set(Folder.TwoMigrations), strict: true);
        Assert.Equal([("BM2007", 4)], result.Diagnostics.Select(d => (d.Code, d.Line)));
    }

    [Theory]
    [InlineData("h1:AAAA\r")]
    [InlineData("h1:AA AA\n")]
    [InlineData("h1:AAAA\na.sql h1:AA\u0016A\n")]
    public void A_hash_that_is_not_base64_is_malformed(string text)
    {
        // Found by fuzzing (sum-file): a trailing '\r' was kept in the hash, so the sum did not survive Format().
        Assert.Null(SumFile.TryParse(text, out _));
    }

    [Fact]
    public void Strict_check_never_writes_and_fails_on_every_difference()
    {
        var recorded = SumFile.Compute(Set(Folder.TwoMigrations)).Format();
        var result = SumCheck.Run("migrations.sum", recorded, Set(Three), strict: true);
        Assert.Null(result.TextToWrite);
        Assert.All(result.Diagnostics, d => Assert.Equal(("BM2002", DiagnosticSeverity.Error), (d.Code, d.Severity)));
        Assert.Equal("migrations.sum(6,1): error BM2002: '0003_add_items.up.sql' is not recorded in migrations.sum; run 'dotnet build' locally and commit the updated migrations.sum",
            result.Diagnostics[0].ToString());

        Assert.Equal(["BM2001"], SumCheck.Run("migrations.sum", null, Set(Three), strict: true).Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Local_check_appends_silently_and_rewrites_changed_files_with_warnings()
    {
        var recorded = SumFile.Compute(Set(Folder.TwoMigrations)).Format();
        var appended = SumCheck.Run("migrations.sum", recorded, Set(Three), strict: false);
        Assert.Empty(appended.Diagnostics);
        Assert.Equal(SumFile.Compute(Set(Three)).Format(), appended.TextToWrite);
        var appendedText = appended.TextToWrite!;
        Assert.StartsWith(recorded[(recorded.IndexOf('\n') + 1)..], appendedText[(appendedText.IndexOf('\n') + 1)..]);

        var edited = Three.ToArray();
        edited[0] = (edited[0].Item1, "CREATE TABLE customers (id bigint);\n");
        var rewritten = SumCheck.Run("migrations.sum", SumFile.Compute(Set(Three)).Format(), Set(edited), strict: false);
        var warning = Assert.Single(rewritten.Diagnostics);
        Assert.Equal(("BM2003", DiagnosticSeverity.Warning, 2), (warning.Code, warning.Severity, warning.Line));
        Assert.Contains("0001_create_customers.up.sql", warning.Message);
        Assert.Equal(SumFile.Compute(Set(edited)).Format(), rewritten.TextToWrite);
    }

    [Fact]
    public void Local_check_creates_a_missing_file_and_leaves_a_matching_one_alone()
    {
        Assert.Equal(SumFile.Compute(Set(Three)).Format(), SumCheck.Run("s", null, Set(Three), strict: false).TextToWrite);
        Assert.Null(SumCheck.Run("s", SumFile.Compute(Set(Three)).Format(), Set(Three), strict: false).TextToWrite);
    }
}
