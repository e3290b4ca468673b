using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Fleets;

namespace BuildMigrations.Core.Tests;

public class FleetTests
{
    private static IReadOnlyList<FleetTarget> Targets(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new FleetTarget(i, $"postgresql://app:pw@db{i}.example:5432/shop"))];

    [Fact]
    public void A_targets_file_skips_blank_lines_and_comment_lines_and_keeps_file_line_numbers()
    {
        var targets = TargetList.Parse("# production\r\npostgresql://a@h/db\r\n\r\n   \n  # eu\n  env:EU_DB  \nHost=h;Password=p#1;Database=d\n");
        Assert.Equal(
            [new FleetTarget(2, "postgresql://a@h/db"), new FleetTarget(6, "env:EU_DB"), new FleetTarget(7, "Host=h;Password=p#1;Database=d")],
            targets);
    }

    [Fact]
    public void A_targets_file_that_is_missing_or_lists_nothing_is_refused_with_BM4008()
    {
        var missing = Assert.Throws<DiagnosticException>(() => TargetList.ReadFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "targets.txt")));
        Assert.Equal("BM4008", missing.Diagnostic.Code);
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "# no target yet\n\n");
            Assert.Equal("BM4008", Assert.Throws<DiagnosticException>(() => TargetList.ReadFile(file)).Diagnostic.Code);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Every_target_is_in_exactly_one_shard_in_both_numberings(int count)
    {
        var targets = Targets(40);
        foreach (var target in targets)
        {
            Assert.Single(Enumerable.Range(1, count), i => new Shard(i, count).Contains(target));
            Assert.Single(Enumerable.Range(0, count), i => new Shard(i, count).Contains(target));
            Assert.Equal(new Shard(0, count).Contains(target), new Shard(count, count).Contains(target));
        }
    }

    [Fact]
    public void Adding_or_removing_a_line_moves_no_other_target_between_shards()
    {
        var before = Targets(30);
        var after = before.Take(10).Append(new FleetTarget(11, "env:NEW_DB")).Concat(before.Skip(11).Select(t => t with { Line = t.Line + 1 })).ToList();
        foreach (var target in before.Where(t => t.Line != 11))
        {
            var moved = after.Single(t => t.Connection == target.Connection);
            Assert.Equal(Shard.Of(target.Connection, 4), Shard.Of(moved.Connection, 4));
        }
        // Surrounding spaces are no part of the line's identity.
        Assert.Equal(Shard.Of("env:A", 5), Shard.Of("  env:A ", 5));
        // The shards really divide the fleet.
        Assert.True(before.Select(t => Shard.Of(t.Connection, 4)).Distinct().Count() > 1);
    }

    [Theory]
    [InlineData("1/2", 1, 2)]
    [InlineData("0/2", 0, 2)]
    [InlineData("2/2", 2, 2)]
    [InlineData(" 3/10 ", 3, 10)]
    [InlineData("0/1", 0, 1)]
    public void Shards_are_written_I_over_N(string text, int index, int count) =>
        Assert.Equal(new Shard(index, count), Shard.Parse(text));

    [Theory]
    [InlineData("3/2")]
    [InlineData("1/0")]
    [InlineData("-1/2")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    public void A_shard_outside_0_to_N_or_not_I_over_N_is_refused_with_BM4007(string text) =>
        Assert.Equal("BM4007", Assert.Throws<DiagnosticException>(() => Shard.Parse(text)).Diagnostic.Code);

    [Fact]
    public void Canaries_are_the_first_targets_of_the_shard_in_file_order()
    {
        var targets = Targets(20);
        var shard = new Shard(1, 2);
        var mine = targets.Where(shard.Contains).ToList();
        var plan = FleetPlan.Create(targets, shard, canaries: 2);
        Assert.Equal(mine.Take(2), plan.Canaries);
        Assert.Equal(mine.Skip(2), plan.Rest);
        Assert.Equal(20, plan.InFile);

        Assert.Empty(FleetPlan.Create(targets, Shard.All, canaries: 0).Canaries);
        Assert.Equal(targets, FleetPlan.Create(targets, Shard.All, canaries: 0).Rest);
        var allCanaries = FleetPlan.Create(targets, Shard.All, canaries: 50);
        Assert.Equal(targets, allCanaries.Canaries);
        Assert.Empty(allCanaries.Rest);
    }
}
