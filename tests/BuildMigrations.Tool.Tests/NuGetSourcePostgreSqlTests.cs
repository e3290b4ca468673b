namespace BuildMigrations.Tool.Tests;

/// <summary>nuget:PACKAGE@VERSION against a real PostgreSQL: the history names the bundle from the package and the feed, no password.</summary>
public sealed class NuGetSourcePostgreSqlTests(PostgresServerFixture server) : DeployTestBase("postgresql", () => server.Password), IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Deploy_of_a_package_from_a_feed_folder_applies_it_and_history_records_the_bundle_and_the_source()
    {
        var bundle = BuildBundle("m",
            ("0001_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY);"),
            ("0001_customers.down.sql", "DROP TABLE customers;"));
        TestPackages.WithBundle(Dir["feed"], "Shop", "1.0.0", Dir[bundle]);
        var database = await server.CreateDatabaseAsync();

        var deploy = ToolRunner.Run(Dir.Path, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Dir["global-packages"] },
            "deploy", "nuget:Shop@1.0.0", "--source", "feed", "-c", server.Url(database));
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.DoesNotContain(server.Password, deploy.All);
        Assert.True(await server.ScalarAsync<bool>(database, "SELECT to_regclass('public.customers') IS NOT NULL"));
        Assert.Equal("Shop 1.0.0 deploy nuget:Shop@1.0.0 --source feed -c ***", await server.ScalarAsync<string>(database,
            "SELECT bundle_name || ' ' || bundle_version || ' ' || command FROM migration_history WHERE version = '0001'"));
    }
}
