using BuildMigrations.Core.Authoring;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Core.Tests;

public class NextMigrationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 30, 5, TimeSpan.Zero);

    private static string[] Names(IEnumerable<string> existing, MigrationFormat format = MigrationFormat.UpDown) =>
        NextMigration.Files(existing, "add_x", format, Now).Select(f => f.FileName).ToArray();

    [Fact]
    public void A_new_folder_starts_at_0001() =>
        Assert.Equal(["0001_add_x.up.sql", "0001_add_x.down.sql"], Names([]));

    [Fact]
    public void Numbers_continue_with_the_same_padding() =>
        Assert.Equal("0010_add_x.up.sql", Names(["0009_a.up.sql", "0002_b.up.sql", "migrations.sum"])[0]);

    [Fact]
    public void Timestamped_folders_get_the_current_utc_time() =>
        Assert.Equal("20261121093005_add_x.up.sql", Names(["20260101000000_a.up.sql"])[0]);

    [Fact]
    public void A_timestamp_from_the_future_is_followed_not_overtaken() =>
        Assert.Equal("20991231235960_add_x.up.sql", Names(["20991231235959_a.up.sql"])[0]);

    [Fact]
    public void Dotted_versions_increment_their_last_part() =>
        Assert.Equal("1.10_add_x.up.sql", Names(["1.9_a.up.sql"])[0]);

    [Fact]
    public void Other_formats_get_their_own_names()
    {
        Assert.Equal(["V3__add_x.sql", "U3__add_x.sql"], Names(["V2__a.sql"], MigrationFormat.Flyway));
        Assert.Equal(["20261121093005_add_x.sql"], Names([], MigrationFormat.Dbmate));
    }

    [Fact]
    public void Descriptions_must_be_file_name_safe() =>
        Assert.Equal("BM4005", Assert.Throws<DiagnosticException>(() => NextMigration.Files([], "add x/../y", MigrationFormat.UpDown, Now)).Diagnostic.Code);
}
