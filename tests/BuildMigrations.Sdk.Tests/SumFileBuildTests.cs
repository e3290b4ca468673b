
namespace BuildMigrations.Sdk.Tests;

public sealed class SumFileBuildTests(LocalFeedFixture feed) : IClassFixture<LocalFeedFixture>
{
    private static readonly Dictionary<string, string?> OnCi = new() { ["CI"] = "true" };

    [Fact]
    public void A_local_build_writes_the_sum_and_appends_a_line_for_a_new_migration()
    {
        using var project = new SampleProject(feed).WithTwoMigrations();
        Assert.Equal(0, project.Build().ExitCode);
        var before = File.ReadAllLines(project.SumPath);
        Assert.Equal(5, before.Length);

        project.Migration("0003_add_items.up.sql", "CREATE TABLE items (id int);\n");
        project.Migration("0003_add_items.down.sql", "DROP TABLE items;\n");
        var build = project.Build();
        Assert.Equal(0, build.ExitCode);
        Assert.DoesNotContain("warning BM2", build.Stdout);
        var after = File.ReadAllLines(project.SumPath);
        Assert.Equal(before[1..], after[1..5]);
        Assert.StartsWith("0003_add_items.up.sql h1:", after[5]);
        Assert.StartsWith("0003_add_items.down.sql h1:", after[6]);
    }

    [Fact]
    public void A_local_build_rewrites_the_sum_with_a_warning_naming_an_edited_migration()
    {
        using var project = new SampleProject(feed).WithTwoMigrations();
        Assert.Equal(0, project.Build().ExitCode);
        project.Migration("0001_create_customers.up.sql", "CREATE TABLE customers (id bigint);\n");
        var build = project.Build();
        Assert.Equal(0, build.ExitCode);
        Assert.Contains($"{project.SumPath}(2,1): warning BM2003: '0001_create_customers.up.sql' changed", build.Stdout);
        // The rewritten sum is now consistent: a CI build accepts it.
        Assert.Equal(0, project.Dotnet(OnCi, "build", "--no-incremental").ExitCode);
    }

    [Fact]
    public void A_ci_build_fails_on_a_stale_sum_naming_the_file_and_never_writes_it()
    {
        using var project = new SampleProject(feed).WithTwoMigrations();
        Assert.Equal(0, project.Build().ExitCode);
        var recorded = File.ReadAllText(project.SumPath);
        project.Migration("0003_add_items.up.sql", "CREATE TABLE items (id int);\n");
        project.Migration("0003_add_items.down.sql", "DROP TABLE items;\n");
        var build = project.Build(OnCi);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{project.SumPath}(6,1): error BM2002: '0003_add_items.up.sql' is not recorded in migrations.sum", build.Stdout);
        Assert.Equal(recorded, File.ReadAllText(project.SumPath));

        File.Delete(project.SumPath);
        var missing = project.Build(OnCi);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("error BM2001", missing.Stdout);
        Assert.False(File.Exists(project.SumPath));
    }

    [Fact]
    public void Two_branches_that_each_add_a_migration_conflict_in_the_sum_at_merge()
    {
        using var project = new SampleProject(feed).WithTwoMigrations();
        Assert.Equal(0, project.Build().ExitCode);
        Git(project.Root, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(project.Root, ".gitignore"), "bin/\nobj/\npackages/\n");
        Git(project.Root, "add", "-A");
        Git(project.Root, "commit", "-q", "-m", "two migrations");

        Git(project.Root, "checkout", "-q", "-b", "alice");
        project.Migration("0003_add_items.up.sql", "CREATE TABLE items (id int);\n");
        project.Migration("0003_add_items.down.sql", "DROP TABLE items;\n");
        Assert.Equal(0, project.Build().ExitCode);
        Git(project.Root, "add", "-A");
        Git(project.Root, "commit", "-q", "-m", "items");

        Git(project.Root, "checkout", "-q", "main");
        Git(project.Root, "checkout", "-q", "-b", "bob");
        project.Migration("0004_add_invoices.up.sql", "CREATE TABLE invoices (id int);\n");
        project.Migration("0004_add_invoices.down.sql", "DROP TABLE invoices;\n");
        Assert.Equal(0, project.Build().ExitCode);
        Git(project.Root, "add", "-A");
        Git(project.Root, "commit", "-q", "-m", "invoices");

        var merge = Git(project.Root, expectSuccess: false, "merge", "alice");
        Assert.NotEqual(0, merge.ExitCode);
        Assert.Contains("CONFLICT (content): Merge conflict in Shop.Db/migrations/migrations.sum", merge.Stdout);
        Assert.Contains("<<<<<<<", File.ReadAllText(project.SumPath));
        var unmerged = Git(project.Root, "diff", "--name-only", "--diff-filter=U");
        Assert.Equal("Shop.Db/migrations/migrations.sum", unmerged.Stdout.Trim());
    }

    private static CommandResult Git(string directory, params string[] args) => Git(directory, expectSuccess: true, args);

    private static CommandResult Git(string directory, bool expectSuccess, params string[] args)
    {
        var run = Processes.Run("git", args, directory, new Dictionary<string, string?>
        {
            ["GIT_AUTHOR_NAME"] = "Test",
            ["GIT_COMMITTER_NAME"] = "Test",
            ["GIT_AUTHOR_EMAIL"] = "test@example.invalid",
            ["GIT_COMMITTER_EMAIL"] = "test@example.invalid",
        });
        if (expectSuccess)
            Assert.True(run.ExitCode == 0, $"git {string.Join(' ', args)}: {run}");
        return run;
    }
}
