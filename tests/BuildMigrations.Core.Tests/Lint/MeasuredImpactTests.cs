using BuildMigrations.Core.Lint;

namespace BuildMigrations.Core.Tests.Lint;

public class MeasuredImpactTests
{
    [Fact]
    public void Reads_the_locks_and_rewrites_of_each_up_and_ignores_what_it_does_not_know()
    {
        var impact = MeasuredImpact.Parse("""
            { "engine": "postgresql", "migrations": [
              { "version": "0002", "name": "0002_index",
                "up": { "locks": [ { "relation": "public.items", "mode": "ShareLock", "granted": true } ], "rewritten": [] },
                "down": { "locks": [ { "relation": "public.items", "mode": "AccessExclusiveLock" } ] } },
              { "version": "0003", "up": { "locks": [], "rewritten": [ "public.items" ] } } ] }
            """);
        Assert.Equal([new MeasuredLock("public.items", "ShareLock")], impact.Up("0002")!.Locks);
        Assert.Equal(["public.items"], impact.Up("0003")!.Rewritten);
        Assert.Null(impact.Up("0004"));
    }

    [Fact]
    public void What_dotnet_test_writes_reads_back_the_same_in_migration_order()
    {
        MeasuredMigration[] measured =
        [
            new("0001", new MeasuredScript([], []), new MeasuredScript([new MeasuredLock("public.customers", "AccessExclusiveLock")], [])),
            new("0002", new MeasuredScript([new MeasuredLock("public.items", "AccessExclusiveLock")], ["public.items"]), null),
        ];
        var json = MeasuredImpact.ToJson(measured);
        var impact = MeasuredImpact.Parse(json);
        Assert.Equal(measured[0].Down!.Locks, impact.Down("0001")!.Locks);
        Assert.Equal(measured[1].Up!.Locks, impact.Up("0002")!.Locks);
        Assert.Equal(["public.items"], impact.Up("0002")!.Rewritten);
        Assert.Null(impact.Down("0002"));
        Assert.True(json.IndexOf("\"0001\"", StringComparison.Ordinal) < json.IndexOf("\"0002\"", StringComparison.Ordinal));
        Assert.Equal("AccessExclusiveLock on public.items; rewrote public.items", impact.Up("0002")!.Describe());
        Assert.Equal("no locks on existing tables", impact.Up("0001")!.Describe());
    }

    [Fact]
    public void A_file_that_is_not_an_impact_file_is_refused()
    {
        Assert.ThrowsAny<Exception>(() => MeasuredImpact.Parse("""{ "bundle": "x" }"""));
    }

    [Fact]
    public void The_file_lies_beside_the_bundle_under_the_bundles_name()
    {
        Assert.Equal(Path.GetFullPath(Path.Combine("out", "Shop.Db.impact.json")), MeasuredImpact.PathBeside(Path.Combine("out", "Shop.Db.1.4.0.mbundle"), "Shop.Db"));
    }
}
