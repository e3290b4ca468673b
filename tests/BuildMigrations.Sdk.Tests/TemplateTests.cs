using BuildMigrations.Core.Bundles;
using BuildMigrations.Tool.Tests;

namespace BuildMigrations.Sdk.Tests;

public sealed class TemplateTests(LocalFeedFixture feed) : IClassFixture<LocalFeedFixture>
{
    [Fact]
    public void New_migrations_project_builds_without_edits_and_new_migration_adds_a_pair()
    {
        using var workspace = new SampleProject(feed, "Unused");
        var hive = Path.Combine(workspace.Root, "template-hive");
        string[] Hive(params string[] args) => [.. args, "--debug:custom-hive", hive];

        var install = Dotnet.Run(workspace.Root, null, Hive("new", "install", Path.Combine(feed.Feed, $"BuildMigrations.Templates.{feed.Version}.nupkg")));
        Assert.True(install.ExitCode == 0, install.ToString());
        var create = Dotnet.Run(workspace.Root, null, Hive("new", "migrations", "-n", "Shop.Db", "--engine", "postgresql"));
        Assert.True(create.ExitCode == 0, create.ToString());
        var projectDirectory = Path.Combine(workspace.Root, "Shop.Db");
        Assert.Contains($"<Project Sdk=\"BuildMigrations.Sdk/{feed.Version}\">", File.ReadAllText(Path.Combine(projectDirectory, "Shop.Db.csproj")));

        var build = Dotnet.Run(projectDirectory, null, "build");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("Shop.Db -> ", build.Stdout);

        var add = Dotnet.Run(projectDirectory, null, Hive("new", "migration", "--name", "add_x"));
        Assert.True(add.ExitCode == 0, add.ToString());
        var added = Directory.GetFiles(Path.Combine(projectDirectory, "migrations"), "*_add_x.*.sql").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(2, added.Count);
        Assert.Matches(@"^\d{14}_add_x\.down\.sql$", added[0]);
        Assert.Matches(@"^\d{14}_add_x\.up\.sql$", added[1]);

        Assert.Equal(0, Dotnet.Run(projectDirectory, null, "build").ExitCode);
        var bundle = BundleReader.ReadFile(Path.Combine(projectDirectory, "bin", "Debug", "net10.0", "Shop.Db.1.0.0.mbundle"));
        Assert.Equal(["0001_initial", added[1]![..^".up.sql".Length]], bundle.Manifest.Migrations.Select(m => m.Name));
    }
}
