using System.Text;
using BuildMigrations.Core.Bundles;

namespace BuildMigrations.Core.Tests;

public sealed class DataScriptTests
{
    [Fact]
    public void A_data_file_belongs_to_its_migration_is_hashed_and_travels_in_the_bundle()
    {
        var folder = Folder.Parse(
            ("0001_customers.up.sql", "CREATE TABLE customers (id int);"),
            ("0001_customers.down.sql", "DROP TABLE customers;"),
            ("0001_customers.data.sql", "INSERT INTO customers VALUES (1);"));
        Assert.True(folder.Succeeded, string.Join("\n", folder.Diagnostics));
        var migration = Assert.Single(folder.Migrations.Migrations);
        Assert.Equal("INSERT INTO customers VALUES (1);", migration.Data!.Text);
        Assert.Contains(folder.Migrations.SourceFiles, f => f.Path == "0001_customers.data.sql");

        var bundle = BundleReader.Read(BundleWriter.ToBytes(BundleBuilder.Build(folder.Migrations, new BundleIdentity("A", "1.0.0", "postgresql"))), "a.mbundle");
        var data = bundle.Manifest.Migrations[0].Data!;
        Assert.Equal("migrations/0001_customers.data.sql", data.Path);
        Assert.Equal("INSERT INTO customers VALUES (1);", bundle.ScriptText(data));
    }

    [Fact]
    public void A_bundle_without_data_files_has_no_data_entry_in_its_manifest()
    {
        var folder = Folder.Parse(("0001_a.up.sql", "SELECT 1;"), ("0001_a.down.sql", "SELECT 1;"));
        var manifest = Encoding.UTF8.GetString(BundleBuilder.Build(folder.Migrations, new BundleIdentity("A", "1.0.0", "postgresql")).Manifest);
        Assert.DoesNotContain("\"data\"", manifest);
    }

    [Fact]
    public void A_data_file_without_an_up_is_an_orphan()
    {
        var folder = Folder.Parse(("0001_a.data.sql", "INSERT INTO a VALUES (1);"));
        Assert.Contains(folder.Diagnostics, d => d.Code == "BM1004" && d.Message.Contains("data script", StringComparison.Ordinal));
        Assert.False(folder.Succeeded);
    }
}
