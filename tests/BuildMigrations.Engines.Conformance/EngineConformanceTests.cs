using BuildMigrations.Core.Bundles;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Engines.History;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Engines.Conformance;

/// <summary>
/// What every engine must do, against a real server. An engine's test project derives from this class and
/// supplies sessions on a fresh database and a way to ask whether a table exists.
/// </summary>
public abstract class EngineConformanceTests
{
    /// <summary>The engine name the bundles are built for.</summary>
    protected abstract string EngineName { get; }

    /// <summary>Creates a fresh, empty database for one test; returns a key for <see cref="OpenEngineAsync"/>.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>An opened engine session on the database.</summary>
    protected abstract Task<IMigrationEngine> OpenEngineAsync(string database);

    /// <summary>Whether the table exists, asked through a separate connection.</summary>
    protected abstract Task<bool> TableExistsAsync(string database, string table);

    private static readonly AuditContext Audit = new("Test", "1.0.0", "digest", null, "tester", "testhost", null, "BuildMigrations test");

    protected LoadedBundle ThreeTables(string secondUp = "CREATE TABLE second_table (id int)") => Bundles.Build(EngineName,
        ("0001_first.up.sql", "CREATE TABLE first_table (id int);"),
        ("0001_first.down.sql", "DROP TABLE first_table;"),
        ("0002_second.up.sql", secondUp + ";"),
        ("0002_second.down.sql", "DROP TABLE second_table;"),
        ("0003_third.up.sql", "CREATE TABLE third_table (id int);"),
        ("0003_third.down.sql", "DROP TABLE third_table;"));

    private async Task<T> WithExecutorAsync<T>(string database, Func<MigrationExecutor, Task<T>> work, ExecutorOptions? options = null)
    {
        await using var engine = await OpenEngineAsync(database);
        return await work(new MigrationExecutor(engine, Audit, options ?? ExecutorOptions.Default));
    }

    [Fact]
    public async Task Deploy_applies_every_migration_and_a_second_deploy_applies_nothing()
    {
        var database = await CreateDatabaseAsync();
        var bundle = ThreeTables();
        var first = await WithExecutorAsync(database, e => e.DeployAsync(bundle, null, default));
        Assert.Equal(Outcome.Done, first.Outcome);
        Assert.Equal(3, first.Steps.Count);
        var second = await WithExecutorAsync(database, e => e.DeployAsync(bundle, null, default));
        Assert.Equal((Outcome.Done, 0), (second.Outcome, second.Steps.Count));
        var states = await WithExecutorAsync(database, e => e.StatusAsync(bundle.Manifest, default));
        Assert.All(states, s => Assert.Equal(MigrationStatus.Applied, s.Status));
        Assert.True(await TableExistsAsync(database, "third_table"));
    }

    [Fact]
    public async Task Deploy_to_a_version_stops_there()
    {
        var database = await CreateDatabaseAsync();
        var result = await WithExecutorAsync(database, e => e.DeployAsync(ThreeTables(), "0002", default));
        Assert.Equal(2, result.Steps.Count);
        Assert.False(await TableExistsAsync(database, "third_table"));
    }

    [Fact]
    public async Task Rollback_runs_downs_newest_first_and_deploy_reapplies()
    {
        var database = await CreateDatabaseAsync();
        var bundle = ThreeTables();
        await WithExecutorAsync(database, e => e.DeployAsync(bundle, null, default));
        var rollback = await WithExecutorAsync(database, e => e.RollbackAsync(bundle, new RollbackTarget.ToVersion("0001"), default));
        Assert.Equal(["0003_third", "0002_second"], rollback.Steps.Select(s => s.Migration));
        Assert.False(await TableExistsAsync(database, "second_table"));
        Assert.True(await TableExistsAsync(database, "first_table"));
        var states = await WithExecutorAsync(database, e => e.StatusAsync(bundle.Manifest, default));
        Assert.Equal([MigrationStatus.Applied, MigrationStatus.Pending, MigrationStatus.Pending], states.Select(s => s.Status));
        var again = await WithExecutorAsync(database, e => e.DeployAsync(bundle, null, default));
        Assert.Equal(2, again.Steps.Count);
    }

    [Fact]
    public async Task History_records_every_step_with_its_audit_fields()
    {
        var database = await CreateDatabaseAsync();
        var bundle = ThreeTables();
        await WithExecutorAsync(database, e => e.DeployAsync(bundle, null, default));
        await WithExecutorAsync(database, e => e.RollbackAsync(bundle, new RollbackTarget.Steps(1), default));
        var history = await WithExecutorAsync(database, e => e.HistoryAsync(default));
        Assert.Equal(
            [("0001", HistoryDirection.Up), ("0002", HistoryDirection.Up), ("0003", HistoryDirection.Up), ("0003", HistoryDirection.Down)],
            history.Select(r => (r.Version, r.Direction)));
        Assert.All(history, r =>
        {
            Assert.Equal(HistoryStatus.Applied, r.Status);
            Assert.Equal(("Test", "1.0.0", "digest", "tester", "testhost"), (r.BundleName, r.BundleVersion, r.BundleDigest, r.OsUser, r.Host));
            Assert.False(string.IsNullOrEmpty(r.DatabaseUser));
            Assert.NotNull(r.FinishedAt);
        });
        Assert.Equal(bundle.Manifest.Migrations[0].Up.Sha256, history[0].Checksum);
    }

    [Fact]
    public async Task The_states_read_has_every_column_a_state_needs_and_none_of_the_audit_trail()
    {
        var database = await CreateDatabaseAsync();
        var bundle = ThreeTables(secondUp: "CREATE TABLE second_table (id int); SELECT * FROM no_such_table");
        await WithExecutorAsync(database, e => e.DeployAsync(bundle, null, default));
        await using var engine = await OpenEngineAsync(database);
        var full = await engine.ReadHistoryAsync(default);
        var states = await engine.ReadHistoryAsync(default, HistoryDetail.States);

        static object StateColumns(HistoryRecord r) => (r.Id, r.Version, r.Description, r.Direction, r.Status, r.Checksum, r.Transactional, r.StartedAt, r.Error);
        Assert.Equal(full.Select(StateColumns), states.Select(StateColumns));
        Assert.Contains(states, r => r.Status == HistoryStatus.Failed && r.Error is not null);
        Assert.All(states, r => Assert.Equal(
            new object?[8],
            new object?[] { r.FinishedAt, r.BundleName, r.BundleDigest, r.Host, r.OsUser, r.DatabaseUser, r.Command, r.FailedStatement }));
    }

    [Fact]
    public async Task An_edited_applied_migration_is_refused_before_anything_changes()
    {
        var database = await CreateDatabaseAsync();
        await WithExecutorAsync(database, e => e.DeployAsync(ThreeTables(), "0002", default));
        var edited = ThreeTables(secondUp: "CREATE TABLE second_table (id bigint)");
        var result = await WithExecutorAsync(database, e => e.DeployAsync(edited, null, default));
        Assert.Equal(Outcome.HistoryConflict, result.Outcome);
        var problem = Assert.Single(result.Diagnostics, d => d.Code == "BM5002");
        Assert.Contains("0002_second", problem.Message);
        Assert.Contains(edited.Manifest.Migrations[1].Up.Sha256, problem.Message);
        Assert.Contains(ThreeTables().Manifest.Migrations[1].Up.Sha256, problem.Message);
        Assert.False(await TableExistsAsync(database, "third_table"));
    }

    [Fact]
    public async Task Concurrent_deployers_apply_each_migration_exactly_once()
    {
        var database = await CreateDatabaseAsync();
        var bundle = ThreeTables();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => WithExecutorAsync(database, e => e.DeployAsync(bundle, null, default))));
        Assert.All(results, r => Assert.Equal(Outcome.Done, r.Outcome));
        Assert.Equal(3, results.Sum(r => r.Steps.Count));
        var history = await WithExecutorAsync(database, e => e.HistoryAsync(default));
        Assert.Equal(["0001", "0002", "0003"], history.Select(r => r.Version).Order());
    }

    [Fact]
    public async Task A_held_lock_times_out_without_changing_anything()
    {
        var database = await CreateDatabaseAsync();
        await using var holder = await OpenEngineAsync(database);
        Assert.True(await holder.TryAcquireLockAsync(default));
        var result = await WithExecutorAsync(database, e => e.DeployAsync(ThreeTables(), null, default),
            new ExecutorOptions(TimeSpan.FromSeconds(1), LockPollInterval: TimeSpan.FromMilliseconds(100)));
        Assert.Equal(Outcome.LockTimeout, result.Outcome);
        Assert.Equal("BM5005", Assert.Single(result.Diagnostics).Code);
        Assert.False(await TableExistsAsync(database, "first_table"));
        await holder.ReleaseLockAsync(default);
    }

    [Fact]
    public async Task Whether_another_session_holds_the_lock_is_told_without_taking_it()
    {
        var database = await CreateDatabaseAsync();
        await using var holder = await OpenEngineAsync(database);
        await using var other = await OpenEngineAsync(database);

        Assert.False(await other.IsLockHeldElsewhereAsync(default));
        Assert.True(await holder.TryAcquireLockAsync(default));
        Assert.True(await other.IsLockHeldElsewhereAsync(default));
        Assert.False(await holder.IsLockHeldElsewhereAsync(default));
        Assert.True(await other.IsLockHeldElsewhereAsync(default)); // asking took nothing from the holder
        await holder.ReleaseLockAsync(default);

        Assert.False(await other.IsLockHeldElsewhereAsync(default));
        Assert.True(await other.TryAcquireLockAsync(default));
        await other.ReleaseLockAsync(default);
    }

    [Fact]
    public async Task A_deploy_with_nothing_to_apply_writes_nothing_and_needs_no_lock_where_reads_never_wait()
    {
        var database = await CreateDatabaseAsync();
        await WithExecutorAsync(database, e => e.DeployAsync(ThreeTables(), null, default));
        await using var holder = await OpenEngineAsync(database);
        Assert.True(await holder.TryAcquireLockAsync(default));
        var shortWait = new ExecutorOptions(TimeSpan.FromMilliseconds(300), LockPollInterval: TimeSpan.FromMilliseconds(50));

        // Where a read can wait behind a writer (SQLite), the lock is waited for first, as always.
        var noop = await WithExecutorAsync(database, e => e.DeployAsync(ThreeTables(), null, default), shortWait);
        Assert.Equal(holder.ReadsWaitForWriters ? (Outcome.LockTimeout, 0) : (Outcome.Done, 0), (noop.Outcome, noop.Steps.Count));
        // With something to apply, the lock is waited for as always.
        var fourth = Bundles.Build(EngineName,
            ("0001_first.up.sql", "CREATE TABLE first_table (id int);"), ("0001_first.down.sql", "DROP TABLE first_table;"),
            ("0002_second.up.sql", "CREATE TABLE second_table (id int);"), ("0002_second.down.sql", "DROP TABLE second_table;"),
            ("0003_third.up.sql", "CREATE TABLE third_table (id int);"), ("0003_third.down.sql", "DROP TABLE third_table;"),
            ("0004_fourth.up.sql", "CREATE TABLE fourth_table (id int);"), ("0004_fourth.down.sql", "DROP TABLE fourth_table;"));
        var waiting = await WithExecutorAsync(database, e => e.DeployAsync(fourth, null, default), shortWait);
        Assert.Equal(Outcome.LockTimeout, waiting.Outcome);
        await holder.ReleaseLockAsync(default);

        Assert.Equal(3, (await WithExecutorAsync(database, e => e.HistoryAsync(default))).Count);
        Assert.False(await TableExistsAsync(database, "fourth_table"));
    }

    [Fact]
    public async Task Status_on_a_database_without_history_shows_everything_pending_and_creates_nothing()
    {
        var database = await CreateDatabaseAsync();
        var states = await WithExecutorAsync(database, e => e.StatusAsync(ThreeTables().Manifest, default));
        Assert.All(states, s => Assert.Equal(MigrationStatus.Pending, s.Status));
        Assert.False(await TableExistsAsync(database, "migration_history"));
    }

    [Fact]
    public async Task Rollback_and_repair_with_nothing_to_do_leave_a_database_without_history_as_it_was()
    {
        var database = await CreateDatabaseAsync();
        var bundle = ThreeTables();

        var rollback = await WithExecutorAsync(database, e => e.RollbackAsync(bundle, new RollbackTarget.All(), default));
        var repair = await WithExecutorAsync(database, e => e.RepairAsync(bundle, acceptChecksums: true, default));

        Assert.Equal((Outcome.Done, 0), (rollback.Outcome, rollback.Steps.Count));
        Assert.Equal((Outcome.Done, 0), (repair.Outcome, repair.Steps.Count));
        Assert.False(await TableExistsAsync(database, "migration_history"));
    }

    [Fact]
    public async Task A_history_table_made_before_the_command_column_is_read_as_it_is_and_gets_the_column_at_the_next_write()
    {
        var database = await CreateDatabaseAsync();
        var bundle = ThreeTables();
        await WithExecutorAsync(database, e => e.DeployAsync(bundle, null, default));
        await using (var engine = await OpenEngineAsync(database))
            await engine.RunEachAsync(engine.Split("ALTER TABLE migration_history DROP COLUMN command"), default);

        await using (var engine = await OpenEngineAsync(database))
        {
            var old = await engine.ReadHistoryAsync(default);
            Assert.Equal(3, old.Count);
            Assert.All(old, row => Assert.Null(row.Command));
        }
        await using (var engine = await OpenEngineAsync(database))
        {
            var executor = new MigrationExecutor(engine, Audit with { Command = "rollback --steps 1" }, ExecutorOptions.Default);
            var rollback = await executor.RollbackAsync(bundle, new RollbackTarget.Steps(1), default);
            Assert.Equal((Outcome.Done, 1), (rollback.Outcome, rollback.Steps.Count));
        }

        await using (var engine = await OpenEngineAsync(database))
        {
            var history = await engine.ReadHistoryAsync(default);
            Assert.Equal(4, history.Count);
            Assert.Equal("rollback --steps 1", history[^1].Command);
        }
    }

    [Fact]
    public async Task A_table_of_the_history_name_that_is_not_a_history_table_is_refused_with_BM5037_and_left_unchanged()
    {
        var database = await CreateDatabaseAsync();
        await using (var engine = await OpenEngineAsync(database))
            await engine.RunEachAsync(engine.Split("CREATE TABLE migration_history (id int, note varchar(20))"), default);

        var refused = await Assert.ThrowsAsync<Core.Diagnostics.DiagnosticException>(() => WithExecutorAsync(database, e => e.DeployAsync(ThreeTables(), null, default)));

        Assert.Equal("BM5037", refused.Diagnostic.Code);
        Assert.False(await TableExistsAsync(database, "first_table"));
        // Still its own two columns: a row of two values fits, as it would not with the command column added.
        await using (var engine = await OpenEngineAsync(database))
            await engine.RunEachAsync(engine.Split("INSERT INTO migration_history VALUES (1, 'kept')"), default);
    }

    [Fact]
    public async Task A_failing_statement_is_reported_with_its_line_and_recorded()
    {
        var database = await CreateDatabaseAsync();
        var bundle = Bundles.Build(EngineName,
            ("0001_ok.up.sql", "CREATE TABLE ok_table (id int);"), ("0001_ok.down.sql", "DROP TABLE ok_table;"),
            ("0002_bad.up.sql", "-- intro\nCREATE TABLE bad_one (id int);\nCREATE TABLE bad_two (id int);\nSELECT * FROM no_such_table;\n"),
            ("0002_bad.down.sql", "DROP TABLE bad_two;\nDROP TABLE bad_one;"));
        var result = await WithExecutorAsync(database, e => e.DeployAsync(bundle, null, default));
        Assert.Equal(Outcome.MigrationFailed, result.Outcome);
        var failure = Assert.Single(result.Diagnostics);
        Assert.Equal(("BM5001", "0002_bad.up.sql", 4), (failure.Code, failure.File, failure.Line));
        Assert.Contains("no_such_table", failure.Message);
        Assert.True(await TableExistsAsync(database, "ok_table"));
        var failed = (await WithExecutorAsync(database, e => e.HistoryAsync(default))).Single(r => r.Status == HistoryStatus.Failed);
        Assert.Equal(("0002", 4), (failed.Version, failed.FailedLine));
        Assert.Contains("no_such_table", failed.FailedStatement);
    }

    [Fact]
    public async Task A_failure_deep_in_a_run_keeps_what_came_before_runs_nothing_after_and_is_reported_in_order()
    {
        var database = await CreateDatabaseAsync();
        var files = new List<(string, string)>();
        for (var i = 1; i <= 6; i++)
        {
            var up = i == 4 ? "CREATE TABLE fourth_a (id int);\nSELECT * FROM no_such_table;" : $"CREATE TABLE t{i} (id int);\nCREATE TABLE t{i}_b (id int);";
            files.Add(($"000{i}_m{i}.up.sql", up));
            files.Add(($"000{i}_m{i}.down.sql", $"DROP TABLE t{i};"));
        }
        var observer = new RecordingObserver();
        ExecutionResult result;
        bool transactional;
        await using (var engine = await OpenEngineAsync(database))
        {
            transactional = engine.TransactionalDdl;
            result = await new MigrationExecutor(engine, Audit, ExecutorOptions.Default, observer).DeployAsync(Bundles.Build(EngineName, [.. files]), null, default);
        }

        Assert.Equal(Outcome.MigrationFailed, result.Outcome);
        Assert.Equal(("0004_m4.up.sql", 2), (result.Diagnostics.Single().File, result.Diagnostics.Single().Line));
        Assert.Equal([("0001_m1", true), ("0002_m2", true), ("0003_m3", true), ("0004_m4", false)], result.Steps.Select(s => (s.Migration, s.Succeeded)));
        Assert.True(await TableExistsAsync(database, "t3_b"));
        Assert.Equal(!transactional, await TableExistsAsync(database, "fourth_a"));
        Assert.False(await TableExistsAsync(database, "t5"));
        var history = await WithExecutorAsync(database, e => e.HistoryAsync(default));
        Assert.Equal([("0001", HistoryStatus.Applied), ("0002", HistoryStatus.Applied), ("0003", HistoryStatus.Applied), ("0004", HistoryStatus.Failed)],
            history.Select(r => (r.Version, r.Status)));
        string[] Ok(int i) => [$"start 000{i}_m{i}", $"statement 000{i}_m{i} 0 line 1", $"statement 000{i}_m{i} 1 line 2", $"finish 000{i}_m{i} True"];
        Assert.Equal([.. Ok(1), .. Ok(2), .. Ok(3), "start 0004_m4", "statement 0004_m4 0 line 1", "statement 0004_m4 1 line 2", "finish 0004_m4 False"], observer.Events);
    }

    /// <summary>What a deploy told its observer, in order.</summary>
    private sealed class RecordingObserver : IExecutionObserver
    {
        public List<string> Events { get; } = [];

        public void Started(string migration, HistoryDirection direction) => Events.Add($"start {migration}");

        public void Statement(string migration, int index, int count, int line) => Events.Add($"statement {migration} {index} line {line}");

        public void Finished(StepResult step) => Events.Add($"finish {step.Migration} {step.Succeeded}");
    }
}
