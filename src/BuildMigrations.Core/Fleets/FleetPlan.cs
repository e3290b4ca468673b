namespace BuildMigrations.Core.Fleets;

/// <summary>
/// Which targets a fleet deploy touches, in what order: this shard's targets in file order, the first
/// <c>--canary</c> of them first; the rest run only when every canary succeeded.
/// </summary>
/// <param name="Canaries">Run first.</param>
/// <param name="Rest">Run after the canaries, only if all of them succeeded (all targets when there is no canary).</param>
/// <param name="InFile">How many targets the whole file lists.</param>
public sealed record FleetPlan(IReadOnlyList<FleetTarget> Canaries, IReadOnlyList<FleetTarget> Rest, int InFile)
{
    /// <summary>Every target of the shard, canaries first.</summary>
    public IEnumerable<FleetTarget> All => Canaries.Concat(Rest);

    public static FleetPlan Create(IReadOnlyList<FleetTarget> targets, Shard shard, int canaries)
    {
        var mine = targets.Where(shard.Contains).ToList();
        var first = Math.Clamp(canaries, 0, mine.Count);
        return new FleetPlan(mine[..first], mine[first..], targets.Count);
    }
}
