using System.IO.Compression;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Tool.Tests;

namespace BuildMigrations.Sdk.Tests;

public sealed class SdkBuildTests(LocalFeedFixture feed) : IClassFixture<LocalFeedFixture>
{
    [Fact]
    public void Build_writes_the_bundle_at_the_documented_path_and_prints_its_line()
    {
        using var project = new SampleProject(feed).WithTwoMigrations();
        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"Shop.Db -> {project.BundlePath}", build.Stdout);
        var bundle = BundleReader.ReadFile(project.BundlePath);
        Assert.Equal(("Shop.Db", "1.4.0", "postgresql"), (bundle.Manifest.Name, bundle.Manifest.Version, bundle.Manifest.Engine));
        Assert.Equal(["0001_create_customers", "0002_add_orders"], bundle.Manifest.Migrations.Select(m => m.Name));
    }

    [Fact]
    public void A_no_change_build_leaves_the_bundle_alone_and_touching_or_deleting_a_migration_rebuilds_it()
    {
        using var project = new SampleProject(feed).WithTwoMigrations();
        Assert.Equal(0, project.Build().ExitCode);
        var written = File.GetLastWriteTimeUtc(project.BundlePath);

        var again = project.Build();
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"Shop.Db -> {project.BundlePath}", again.Stdout);
        Assert.Equal(written, File.GetLastWriteTimeUtc(project.BundlePath));

        var migration = Path.Combine(project.ProjectDirectory, "migrations", "0002_add_orders.up.sql");
        File.SetLastWriteTimeUtc(migration, written.AddSeconds(5));
        Assert.Equal(0, project.Build().ExitCode);
        var touched = File.GetLastWriteTimeUtc(project.BundlePath);
        Assert.True(touched > written);

        File.Delete(migration);
        File.Delete(Path.Combine(project.ProjectDirectory, "migrations", "0002_add_orders.down.sql"));
        Assert.Equal(0, project.Build().ExitCode);
        Assert.Single(BundleReader.ReadFile(project.BundlePath).Manifest.Migrations);
    }

    [Fact]
    public void Validation_errors_are_msbuild_errors_with_file_line_and_code()
    {
        using var project = new SampleProject(feed).WithTwoMigrations();
        project.Migration("0003_add_items.up.sql", "CREATE TABLE items (id int);\n");
        project.Migration("0002_orphan.verify.sql", "SELECT 1;\n");
        project.Migration("0004_x.up.sql", "-- migration: no-transactions\nSELECT 1;\n");
        project.Migration("0004_x.down.sql", "SELECT 1;\n");
        var build = project.Build();
        Assert.NotEqual(0, build.ExitCode);
        var migrations = Path.Combine(project.ProjectDirectory, "migrations");
        Assert.Contains($"{Path.Combine(migrations, "0003_add_items.up.sql")}(1,1): error BM1003: ", build.Stdout);
        Assert.Contains($"{Path.Combine(migrations, "0004_x.up.sql")}(1,1): error BM1006: ", build.Stdout);
        Assert.False(File.Exists(project.BundlePath));
    }

    [Fact]
    public void A_project_without_an_engine_fails_with_a_code_that_says_how_to_set_it()
    {
        using var project = new SampleProject(feed, projectXml: $"""<Project Sdk="BuildMigrations.Sdk/{feed.Version}" />""").WithTwoMigrations();
        var build = project.Build();
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error BM1018: MigrationsEngine is not set; add <MigrationsEngine>postgresql</MigrationsEngine>", build.Stdout);
    }

    [Fact]
    public void Warnings_can_be_silenced_with_NoWarn()
    {
        using var project = new SampleProject(feed, properties: "<NoWarn>$(NoWarn);BM1007</NoWarn>").WithTwoMigrations();
        project.Migration("0003_seed.up.sql", "INSERT INTO customers VALUES (1);\n");
        project.Migration("0003_seed.down.sql", "-- nothing to undo\n");
        var build = project.Build();
        Assert.Equal(0, build.ExitCode);
        Assert.DoesNotContain("BM1007", build.Stdout);
    }

    [Fact]
    public void Pack_puts_the_bundle_in_the_package_under_bundles()
    {
        using var project = new SampleProject(feed).WithTwoMigrations();
        var pack = project.Dotnet("pack", "-o", Path.Combine(project.Root, "out"));
        Assert.True(pack.ExitCode == 0, pack.ToString());
        using var package = ZipFile.OpenRead(Path.Combine(project.Root, "out", "Shop.Db.1.4.0.nupkg"));
        Assert.Contains(package.Entries, e => e.FullName == "bundles/Shop.Db.1.4.0.mbundle");
    }

    [Fact]
    public void A_signing_key_from_the_environment_signs_the_bundle_and_never_shows_in_output_or_binlog()
    {
        using var project = new SampleProject(feed).WithTwoMigrations();
        Assert.Equal(0, ToolRunner.Run(project.Root, "keygen", "--out", "release.pem").ExitCode);
        var pem = File.ReadAllText(Path.Combine(project.Root, "release.pem"));
        var keyBody = pem.Split('\n')[1];
        var build = project.Dotnet(new Dictionary<string, string?> { ["MIGRATE_BUNDLE_SIGNING_KEY"] = pem }, "build", "-bl:build.binlog", "-v:diag");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain(keyBody, build.All);
        var binlog = Binlog.Text(Path.Combine(project.ProjectDirectory, "build.binlog"));
        Assert.Contains("BuildMigrationBundle", binlog); // the log was really decoded
        Assert.DoesNotContain(keyBody, binlog);

        var verify = ToolRunner.Run(project.Root, "verify", project.BundlePath, "--trusted-key", "release.pub.pem");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("signed by trusted key", verify.Stdout);
    }

    [Fact]
    public void A_repository_with_central_package_management_builds_the_project()
    {
        using var project = new SampleProject(feed).WithTwoMigrations();
        File.WriteAllText(Path.Combine(project.Root, "Directory.Packages.props"), """
            <Project>
              <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup><PackageVersion Include="xunit.v3" Version="4.0.2" /></ItemGroup>
            </Project>
            """);
        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("NU1009", build.All);
        Assert.True(File.Exists(project.BundlePath));
    }
}

/// <summary>The strings of a binary log (the whole file is gzip-compressed; strings are stored as UTF-8).</summary>
internal static class Binlog
{
    public static string Text(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gzip.CopyTo(copy);
        return System.Text.Encoding.UTF8.GetString(copy.ToArray());
    }
}
