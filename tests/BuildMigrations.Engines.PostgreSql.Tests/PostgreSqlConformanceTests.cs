using BuildMigrations.Core.Model;
using BuildMigrations.Engines.Conformance;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Engines.History;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Engines.PostgreSql.Tests;

/// <summary>The conformance suite, and PostgreSQL's own guarantees, against a real PostgreSQL 15.</summary>
public sealed class PostgreSqlConformanceTests(PostgresServerFixture server) : EngineConformanceTests, IClassFixture<PostgresServerFixture>
{
    protected override string EngineName => EngineNames.PostgreSql;

    protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();

    protected override async Task<IMigrationEngine> OpenEngineAsync(string database)
    {
        var target = ConnectionTarget.Resolve(server.Url(database), null);
        var engine = new PostgreSqlEngine(PostgreSqlConnections.ToConnectionString(target), HistoryTableName.Parse(HistoryTableName.DefaultTable, "public"));
        await engine.OpenAsync(default);
        return engine;
    }

    protected override async Task<bool> TableExistsAsync(string database, string table) =>
        await server.ScalarAsync<bool>(database, $"SELECT to_regclass('public.{table}') IS NOT NULL");

    private static readonly AuditContext Audit = new("Test", "1.0.0", "digest", null, "tester", "testhost", null, "test");

    [Fact]
    public async Task A_query_repeated_across_migrations_is_never_prepared_so_changing_its_table_in_between_breaks_nothing()
    {
        // Prepared, the same SELECT would fail once its table gained a column ("cached plan must not change result type").
        var database = await CreateDatabaseAsync();
        var files = new List<(string, string)> { ("0001_t.up.sql", "CREATE TABLE t (id int);\nSELECT * FROM t;"), ("0001_t.down.sql", "DROP TABLE t;") };
        for (var i = 2; i <= 9; i++)
        {
            files.Add(($"000{i}_c{i}.up.sql", $"ALTER TABLE t ADD COLUMN c{i} int;\nSELECT * FROM t;"));
            files.Add(($"000{i}_c{i}.down.sql", $"ALTER TABLE t DROP COLUMN c{i};"));
        }
        await using var engine = await OpenEngineAsync(database);
        var result = await new MigrationExecutor(engine, Audit, ExecutorOptions.Default).DeployAsync(Bundles.Build(EngineName, [.. files]), null, default);
        Assert.Equal((Outcome.Done, 9), (result.Outcome, result.Steps.Count));
    }

    [Fact]
    public async Task The_history_insert_is_prepared_once_per_session_and_a_migration_deallocating_it_breaks_nothing()
    {
        var database = await CreateDatabaseAsync();
        // Checked from inside the session, by migrations: the deploy's own prepared history insert.
        const string InsertIsPrepared = """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO "public"."migration_history"%') THEN
                RAISE EXCEPTION 'the history insert is not prepared';
              END IF;
            END $$
            """;
        string Up(int i) => i switch
        {
            2 or 7 => InsertIsPrepared + ";",
            5 => "DEALLOCATE ALL;",
            _ => $"CREATE TABLE t{i} (id int);",
        };
        var files = Enumerable.Range(1, 8).SelectMany(i => new[] { ($"000{i}_m{i}.up.sql", Up(i)), ($"000{i}_m{i}.down.sql", "SELECT 1;") }).ToArray();
        var bundle = Bundles.Build(EngineName, files);
        await using var engine = await OpenEngineAsync(database);
        var executor = new MigrationExecutor(engine, Audit, ExecutorOptions.Default);
        // One session, three deploys: prepared; deallocated by migration 5 (its run goes unprepared); prepared again.
        foreach (var (target, applied) in new[] { ("0003", 3), ("0006", 3), ((string?)null, 2) })
        {
            var result = await executor.DeployAsync(bundle, target, default);
            Assert.Equal((Outcome.Done, applied), (result.Outcome, result.Steps.Count));
        }
        Assert.True(await TableExistsAsync(database, "t8"));
    }

    [Fact]
    public async Task A_migration_setting_its_transaction_runs_in_a_series_as_it_does_alone()
    {
        // SET TRANSACTION must come before any query of the transaction: nothing of the tool's may run in between.
        var database = await CreateDatabaseAsync();
        var bundle = Bundles.Build(EngineName,
            ("0001_a.up.sql", "CREATE TABLE a (id int);"), ("0001_a.down.sql", "DROP TABLE a;"),
            ("0002_b.up.sql", "SET TRANSACTION READ WRITE;\nCREATE TABLE b (id int);"), ("0002_b.down.sql", "DROP TABLE b;"),
            ("0003_c.up.sql", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nCREATE TABLE c (id int);"), ("0003_c.down.sql", "DROP TABLE c;"),
            ("0004_d.up.sql", "CREATE TABLE d (id int);"), ("0004_d.down.sql", "DROP TABLE d;"));
        await using var engine = await OpenEngineAsync(database);
        var result = await new MigrationExecutor(engine, Audit, ExecutorOptions.Default).DeployAsync(bundle, null, default);
        Assert.True(result.Outcome == Outcome.Done, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        Assert.True(await TableExistsAsync(database, "d"));
    }

    [Fact]
    public async Task A_deferred_constraint_failing_stops_the_series_there()
    {
        // Checked before the COMMIT: a COMMIT that fails ends its transaction, and the next migration would run.
        var database = await CreateDatabaseAsync();
        var bundle = Bundles.Build(EngineName,
            ("0001_tables.up.sql", "CREATE TABLE parent (id int PRIMARY KEY);\nCREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);"),
            ("0001_tables.down.sql", "DROP TABLE child;\nDROP TABLE parent;"),
            ("0002_orphan.up.sql", "INSERT INTO child VALUES (1);"), ("0002_orphan.down.sql", "DELETE FROM child;"),
            ("0003_after.up.sql", "CREATE TABLE after_t (id int);"), ("0003_after.down.sql", "DROP TABLE after_t;"));
        await using (var engine = await OpenEngineAsync(database))
        {
            var result = await new MigrationExecutor(engine, Audit, ExecutorOptions.Default).DeployAsync(bundle, null, default);
            Assert.Equal(Outcome.MigrationFailed, result.Outcome);
            Assert.Equal([("0001_tables", true), ("0002_orphan", false)], result.Steps.Select(s => (s.Migration, s.Succeeded)));
            Assert.Contains("foreign key", Assert.Single(result.Diagnostics).Message);
        }
        Assert.False(await TableExistsAsync(database, "after_t"));
        Assert.Equal(0L, await server.ScalarAsync<long>(database, "SELECT count(*) FROM child"));
    }

    [Fact]
    public async Task A_deploy_cancelled_mid_series_stops_cleanly_and_leaves_the_session_usable()
    {
        var database = await CreateDatabaseAsync();
        var bundle = Bundles.Build(EngineName,
            ("0001_a.up.sql", "CREATE TABLE a (id int);"), ("0001_a.down.sql", "DROP TABLE a;"),
            ("0002_slow.up.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(30);"), ("0002_slow.down.sql", "DROP TABLE slow;"),
            ("0003_c.up.sql", "CREATE TABLE c (id int);"), ("0003_c.down.sql", "DROP TABLE c;"));
        await using var engine = await OpenEngineAsync(database);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        // The lock is released after the cancel: had the session been left in the failed transaction, that release
        // would fail and its error would replace the cancellation.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new MigrationExecutor(engine, Audit, ExecutorOptions.Default).DeployAsync(bundle, null, cancel.Token));
        Assert.True(await TableExistsAsync(database, "a"));
        Assert.False(await TableExistsAsync(database, "slow"));
        Assert.False(await TableExistsAsync(database, "c"));
        var again = await new MigrationExecutor(engine, Audit, ExecutorOptions.Default).StatusAsync(bundle.Manifest, default);
        Assert.Equal([MigrationStatus.Applied, MigrationStatus.Pending, MigrationStatus.Pending], again.Select(s => s.Status));
    }

    [Fact]
    public async Task A_failed_transactional_migration_leaves_none_of_its_changes_and_can_be_retried_after_a_fix()
    {
        var database = await CreateDatabaseAsync();
        (string, string)[] Files(string third) =>
        [
            ("0001_ok.up.sql", "CREATE TABLE ok_table (id int);"), ("0001_ok.down.sql", "DROP TABLE ok_table;"),
            ("0002_three.up.sql", $"CREATE TABLE one_t (id int);\nCREATE TABLE two_t (id int);\n{third};"),
            ("0002_three.down.sql", "DROP TABLE two_t; DROP TABLE one_t; DROP TABLE three_t;"),
        ];
        await using (var engine = await OpenEngineAsync(database))
        {
            var failed = await new MigrationExecutor(engine, Audit, ExecutorOptions.Default).DeployAsync(Bundles.Build(EngineName, Files("CREATE TABLE three_t (id int REFERENCES nowhere)")), null, default);
            Assert.Equal(Outcome.MigrationFailed, failed.Outcome);
        }
        Assert.True(await TableExistsAsync(database, "ok_table"));
        Assert.False(await TableExistsAsync(database, "one_t"));
        Assert.False(await TableExistsAsync(database, "two_t"));

        await using (var engine = await OpenEngineAsync(database))
        {
            var fixedBundle = Bundles.Build(EngineName, Files("CREATE TABLE three_t (id int)"));
            var retried = await new MigrationExecutor(engine, Audit, ExecutorOptions.Default).DeployAsync(fixedBundle, null, default);
            Assert.Equal(Outcome.Done, retried.Outcome);
            Assert.Equal(["0002_three"], retried.Steps.Select(s => s.Migration));
        }
        Assert.True(await TableExistsAsync(database, "three_t"));
    }

    [Fact]
    public async Task A_no_transaction_migration_runs_create_index_concurrently_statement_by_statement()
    {
        var database = await CreateDatabaseAsync();
        var bundle = Bundles.Build(EngineName,
            ("0001_t.up.sql", "CREATE TABLE t (a int, b int);"), ("0001_t.down.sql", "DROP TABLE t;"),
            ("0002_idx.up.sql", "-- migration: no-transaction\nCREATE INDEX CONCURRENTLY t_a ON t (a);\nCREATE INDEX CONCURRENTLY t_b ON t (b);"),
            ("0002_idx.down.sql", "-- migration: no-transaction\nDROP INDEX CONCURRENTLY t_b;\nDROP INDEX CONCURRENTLY t_a;"));
        await using var engine = await OpenEngineAsync(database);
        var executor = new MigrationExecutor(engine, Audit, ExecutorOptions.Default);
        Assert.Equal(Outcome.Done, (await executor.DeployAsync(bundle, null, default)).Outcome);
        Assert.Equal(2L, await server.ScalarAsync<long>(database, "SELECT count(*) FROM pg_indexes WHERE tablename = 't'"));
        Assert.Equal(Outcome.Done, (await executor.RollbackAsync(bundle, new RollbackTarget.Steps(1), default)).Outcome);
        Assert.Equal(0L, await server.ScalarAsync<long>(database, "SELECT count(*) FROM pg_indexes WHERE tablename = 't'"));
    }

    [Fact]
    public async Task A_failed_no_transaction_migration_needs_repair_and_names_invalid_indexes()
    {
        var database = await CreateDatabaseAsync();
        var bundle = Bundles.Build(EngineName,
            ("0001_t.up.sql", "CREATE TABLE t (a int); INSERT INTO t VALUES (1), (1);"), ("0001_t.down.sql", "DROP TABLE t;"),
            ("0002_idx.up.sql", "-- migration: no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY t_a ON t (a);"),
            ("0002_idx.down.sql", "-- migration: no-transaction\nDROP INDEX CONCURRENTLY t_a;"));
        await using var engine = await OpenEngineAsync(database);
        var executor = new MigrationExecutor(engine, Audit, ExecutorOptions.Default);
        var failed = await executor.DeployAsync(bundle, null, default);
        Assert.Equal(Outcome.MigrationFailed, failed.Outcome);
        Assert.Contains("invalid indexes t_a", Assert.Single(failed.Diagnostics).Message);

        var refused = await executor.DeployAsync(bundle, null, default);
        Assert.Equal(Outcome.HistoryConflict, refused.Outcome);
        Assert.Equal("BM5003", Assert.Single(refused.Diagnostics).Code);

        await server.ExecuteAsync(database, "DROP INDEX t_a; DELETE FROM t");
        Assert.Equal(Outcome.Done, (await executor.RepairAsync(bundle, acceptChecksums: false, default)).Outcome);
        Assert.Equal(Outcome.Done, (await executor.DeployAsync(bundle, null, default)).Outcome);
        var states = await executor.StatusAsync(bundle.Manifest, default);
        Assert.All(states, s => Assert.Equal(MigrationStatus.Applied, s.Status));
    }

    [Fact]
    public async Task History_can_live_in_another_schema()
    {
        var database = await CreateDatabaseAsync();
        var target = ConnectionTarget.Resolve(server.Url(database), null);
        await using var engine = new PostgreSqlEngine(PostgreSqlConnections.ToConnectionString(target), HistoryTableName.Parse("ops.schema_log", null));
        await engine.OpenAsync(default);
        await new MigrationExecutor(engine, Audit, ExecutorOptions.Default).DeployAsync(ThreeTables(), null, default);
        Assert.Equal(3L, await server.ScalarAsync<long>(database, "SELECT count(*) FROM ops.schema_log"));
    }
}
