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
