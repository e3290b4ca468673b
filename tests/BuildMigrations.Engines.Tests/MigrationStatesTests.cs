using BuildMigrations.Core.Bundles;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Engines.History;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Engines.Tests;

public class MigrationStatesTests
{
    private static readonly LoadedBundle Bundle = Bundles.Build("postgresql",
        ("1_a.up.sql", "A;"), ("1_a.down.sql", "-A;"),
        ("2_b.up.sql", "B;"), ("2_b.down.sql", "-B;"),
        ("3_c.up.sql", "-- migration: irreversible drops data\nC;"));

    private static long _id;

    private static HistoryRecord Row(string version, HistoryDirection direction, HistoryStatus status, string? checksum = null, bool transactional = true) => new()
    {
        Id = Interlocked.Increment(ref _id),
        Version = version,
        Description = "x",
        Direction = direction,
        Status = status,
        Checksum = checksum,
        Transactional = transactional,
    };

    private static HistoryRecord Applied(int index) =>
        Row(Bundle.Manifest.Migrations[index].Version, HistoryDirection.Up, HistoryStatus.Applied, Bundle.Manifest.Migrations[index].Up.Sha256);

    private static MigrationStatus[] Statuses(params HistoryRecord[] rows) =>
        MigrationStates.Compute(Bundle.Manifest, rows).Select(s => s.Status).ToArray();

    [Fact]
    public void Nothing_recorded_means_everything_pending() =>
        Assert.Equal([MigrationStatus.Pending, MigrationStatus.Pending, MigrationStatus.Pending], Statuses());

    [Fact]
    public void Up_then_down_is_pending_again() =>
        Assert.Equal([MigrationStatus.Applied, MigrationStatus.Pending, MigrationStatus.Pending],
            Statuses(Applied(0), Applied(1), Row("2", HistoryDirection.Down, HistoryStatus.Applied)));

    [Fact]
    public void A_failure_inside_a_transaction_changes_nothing() =>
        Assert.Equal([MigrationStatus.Applied, MigrationStatus.Pending, MigrationStatus.Pending],
            Statuses(Applied(0), Row("2", HistoryDirection.Up, HistoryStatus.Failed, transactional: true)));

    [Fact]
    public void A_failure_or_interruption_outside_a_transaction_needs_repair_and_repair_restores_the_earlier_state()
    {
        Assert.Equal(MigrationStatus.Failed, Statuses(Row("2", HistoryDirection.Up, HistoryStatus.Failed, transactional: false))[1]);
        Assert.Equal(MigrationStatus.Failed, Statuses(Row("2", HistoryDirection.Up, HistoryStatus.Running, transactional: false))[1]);
        Assert.Equal(MigrationStatus.Pending, Statuses(Row("2", HistoryDirection.Up, HistoryStatus.Running, transactional: false), Row("2", HistoryDirection.Repair, HistoryStatus.Applied))[1]);
        Assert.Equal(MigrationStatus.Applied, Statuses(Applied(1), Row("2", HistoryDirection.Down, HistoryStatus.Failed, transactional: false), Row("2", HistoryDirection.Repair, HistoryStatus.Applied))[1]);
    }

    [Fact]
    public void The_applied_record_is_the_up_that_applied_it_not_a_later_repair_or_failed_down()
    {
        var up = Applied(1);
        var failedDown = Row("2", HistoryDirection.Down, HistoryStatus.Failed, transactional: false);
        var repair = Row("2", HistoryDirection.Repair, HistoryStatus.Applied, Bundle.Manifest.Migrations[1].Up.Sha256);

        var states = MigrationStates.Compute(Bundle.Manifest, [up, failedDown, repair]);

        Assert.Equal(MigrationStatus.Applied, states[1].Status);
        Assert.Same(up, states[1].AppliedRecord);
        Assert.Null(MigrationStates.Compute(Bundle.Manifest, [up, Row("2", HistoryDirection.Down, HistoryStatus.Applied)])[1].AppliedRecord);
        var baselinedThenFailedDown = MigrationStates.Compute(Bundle.Manifest,
            [Row("2", HistoryDirection.Baseline, HistoryStatus.Applied), Row("2", HistoryDirection.Down, HistoryStatus.Failed, transactional: true)])[1];
        Assert.Equal((MigrationStatus.Baselined, null), (baselinedThenFailedDown.Status, baselinedThenFailedDown.AppliedRecord));
        var accepted = Row("2", HistoryDirection.Repair, HistoryStatus.Applied, "0000");
        Assert.Same(accepted, MigrationStates.Compute(Bundle.Manifest, [Row("2", HistoryDirection.Baseline, HistoryStatus.Applied), accepted])[1].AppliedRecord);
    }

    [Fact]
    public void A_changed_checksum_is_reported_and_an_accepting_repair_clears_it()
    {
        var edited = Row("1", HistoryDirection.Up, HistoryStatus.Applied, "0000");
        Assert.Equal(MigrationStatus.ChecksumChanged, Statuses(edited)[0]);
        Assert.Equal(MigrationStatus.Applied, Statuses(edited, Row("1", HistoryDirection.Repair, HistoryStatus.Applied, Bundle.Manifest.Migrations[0].Up.Sha256))[0]);
    }

    [Fact]
    public void A_baseline_counts_earlier_versions_as_applied() =>
        Assert.Equal([MigrationStatus.Baselined, MigrationStatus.Baselined, MigrationStatus.Pending], Statuses(Row("2", HistoryDirection.Baseline, HistoryStatus.Applied)));

    [Fact]
    public void Applied_versions_missing_from_the_bundle_are_listed_in_order()
    {
        var states = MigrationStates.Compute(Bundle.Manifest, [Row("1.5", HistoryDirection.Up, HistoryStatus.Applied, "abc")]);
        Assert.Equal(["1", "1.5", "2", "3"], states.Select(s => s.Version));
        Assert.Equal(MigrationStatus.AppliedNotInBundle, states[1].Status);
    }

    [Fact]
    public void Deploy_plan_refuses_out_of_order_unless_allowed()
    {
        var states = MigrationStates.Compute(Bundle.Manifest, [Applied(0), Applied(2)]);
        var refused = DeployPlan.Create(Bundle.Manifest, states, null, allowOutOfOrder: false);
        Assert.Equal(Outcome.HistoryConflict, refused.Blocked);
        Assert.Equal("BM5004", Assert.Single(refused.Diagnostics).Code);
        Assert.Empty(refused.ToApply);
        var allowed = DeployPlan.Create(Bundle.Manifest, states, null, allowOutOfOrder: true);
        Assert.Equal(["2"], allowed.ToApply.Select(m => m.Version));
    }

    [Fact]
    public void Deploy_plan_to_an_unknown_version_is_refused() =>
        Assert.Equal(Outcome.Refused, DeployPlan.Create(Bundle.Manifest, MigrationStates.Compute(Bundle.Manifest, []), "9", false).Blocked);

    [Fact]
    public void Rollback_plan_goes_newest_first_and_stops_at_irreversible_migrations()
    {
        var states = MigrationStates.Compute(Bundle.Manifest, [Applied(0), Applied(1), Applied(2)]);
        var refused = RollbackPlan.Create(states, new RollbackTarget.ToVersion("1"));
        Assert.Equal(Outcome.Refused, refused.Blocked);
        Assert.Contains("drops data", Assert.Single(refused.Diagnostics).Message);

        var partial = MigrationStates.Compute(Bundle.Manifest, [Applied(0), Applied(1)]);
        Assert.Equal(["2", "1"], RollbackPlan.Create(partial, new RollbackTarget.All()).ToRevert.Select(s => s.Version));
        Assert.Equal(["2"], RollbackPlan.Create(partial, new RollbackTarget.Steps(1)).ToRevert.Select(s => s.Version));
    }
}
