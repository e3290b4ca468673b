using BuildMigrations.Core.Model;
using BuildMigrations.Engines.Execution;
using BuildMigrations.Engines.History;
using BuildMigrations.TestSupport;
using Microsoft.Data.Sqlite;

namespace BuildMigrations.Engines.Sqlite.Tests;

/// <summary>SQLite's own guarantees beyond the conformance suite: rollback of failures, concurrency, triggers, busy files.</summary>
public sealed class SqliteDeployTests : IDisposable
{
    private static readonly AuditContext Audit = new("Test", "1.0.0", "digest", null, "tester", "testhost", null, "test");
    private readonly DatabaseFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<ExecutionResult> DeployAsync(string file, Core.Bundles.LoadedBundle bundle, ExecutorOptions? options = null)
    {
        await using var engine = await DatabaseFolder.OpenAsync(file);
        return await new MigrationExecutor(engine, Audit, options ?? ExecutorOptions.Default).DeployAsync(bundle, null, default);
    }

    [Fact]
    public async Task A_failing_migration_reports_sqlites_error_and_leaves_nothing_of_itself()
    {
        var file = _folder.NewFile();
        var bundle = Bundles.Build(EngineNames.Sqlite,
            ("0001_ok.up.sql", "CREATE TABLE ok_table (id INTEGER);"), ("0001_ok.down.sql", "DROP TABLE ok_table;"),
            ("0002_bad.up.sql", "CREATE TABLE one_t (id INTEGER);\nINSERT INTO ok_table VALUES (1);\nINSERT INTO missing VALUES (1);"),
            ("0002_bad.down.sql", "DROP TABLE one_t;"));

        var result = await DeployAsync(file, bundle);

        Assert.Equal(Outcome.MigrationFailed, result.Outcome);
        var failure = Assert.Single(result.Diagnostics);
        Assert.Equal(("BM5001", 3), (failure.Code, failure.Line));
        Assert.Contains("SQLite Error 1: 'no such table: missing'", failure.Message);
        Assert.True(await DatabaseFolder.TableExistsAsync(file, "ok_table"));
        Assert.False(await DatabaseFolder.TableExistsAsync(file, "one_t"));
        Assert.Equal(0L, await DatabaseFolder.ScalarAsync(file, "SELECT count(*) FROM ok_table"));
        var failed = Assert.Single(await HistoryAsync(file), r => r.Status == HistoryStatus.Failed);
        Assert.Equal(("0002", "INSERT INTO missing VALUES (1)"), (failed.Version, failed.FailedStatement));
        Assert.StartsWith("SQLite Error 1:", failed.Error);
    }

    [Fact]
    public async Task A_statement_error_is_a_StatementFailedException_never_the_drivers()
    {
        var file = _folder.NewFile();
        await using var engine = await DatabaseFolder.OpenAsync(file);
        var error = await Assert.ThrowsAsync<StatementFailedException>(() =>
            engine.RunEachAsync(engine.Split("SELECT 1;\nSELEC 2"), default));
        Assert.Equal(("SELEC 2", 2), (error.Statement.Text, error.Statement.Line));
        Assert.IsType<SqliteException>(error.InnerException);
    }

    [Fact]
    public async Task Eight_concurrent_deployers_on_a_new_file_apply_each_migration_exactly_once()
    {
        var file = _folder.NewFile();
        var files = new List<(string, string)>();
        for (var i = 1; i <= 5; i++)
        {
            files.Add(($"000{i}_t{i}.up.sql", $"CREATE TABLE t{i} (id INTEGER);\nINSERT INTO t{i} VALUES ({i});"));
            files.Add(($"000{i}_t{i}.down.sql", $"DROP TABLE t{i};"));
        }
        var bundle = Bundles.Build(EngineNames.Sqlite, [.. files]);
        var options = new ExecutorOptions(TimeSpan.FromMilliseconds(300), LockPollInterval: TimeSpan.FromMilliseconds(10));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => DeployAsync(file, bundle, options))));

        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { Outcome.Done, Outcome.LockTimeout }));
        Assert.Contains(results, r => r.Outcome == Outcome.Done);
        Assert.Equal(5, results.Sum(r => r.Steps.Count));
        Assert.Equal(["0001", "0002", "0003", "0004", "0005"], (await HistoryAsync(file)).Select(r => r.Version));
        for (var i = 1; i <= 5; i++)
            Assert.Equal(1L, await DatabaseFolder.ScalarAsync(file, $"SELECT count(*) FROM t{i}"));
    }

    [Fact]
    public async Task A_trigger_migration_with_a_begin_end_body_deploys_works_and_rolls_back()
    {
        var file = _folder.NewFile();
        var bundle = Bundles.Build(EngineNames.Sqlite,
            ("0001_orders.up.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL, size TEXT);\nCREATE TABLE audit (what TEXT);"),
            ("0001_orders.down.sql", "DROP TABLE audit;\nDROP TABLE orders;"),
            ("0002_size.up.sql", """
                CREATE TRIGGER orders_size AFTER INSERT ON orders
                BEGIN
                    UPDATE orders SET size = CASE WHEN NEW.total > 100 THEN 'big' ELSE 'small' END WHERE id = NEW.id;
                    INSERT INTO audit (what) VALUES ('sized; ' || NEW.id);
                END;
                """),
            ("0002_size.down.sql", "DROP TRIGGER orders_size;"));
        await using var engine = await DatabaseFolder.OpenAsync(file);
        var executor = new MigrationExecutor(engine, Audit, ExecutorOptions.Default);

        Assert.Equal(Outcome.Done, (await executor.DeployAsync(bundle, null, default)).Outcome);
        await DatabaseFolder.ScalarAsync(file, "INSERT INTO orders (total) VALUES (150)");
        Assert.Equal("big", await DatabaseFolder.ScalarAsync(file, "SELECT size FROM orders"));
        Assert.Equal("sized; 1", await DatabaseFolder.ScalarAsync(file, "SELECT what FROM audit"));

        Assert.Equal(Outcome.Done, (await executor.RollbackAsync(bundle, new RollbackTarget.Steps(1), default)).Outcome);
        Assert.Equal(0L, await DatabaseFolder.ScalarAsync(file, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"));
    }

    [Fact]
    public async Task Reading_history_waits_out_another_connections_write_instead_of_failing_busy()
    {
        var file = _folder.NewFile();
        await DeployAsync(file, Bundles.Build(EngineNames.Sqlite, ("0001_a.up.sql", "CREATE TABLE a (id INTEGER);"), ("0001_a.down.sql", "DROP TABLE a;")));
        await using var writer = new SqliteConnection($"Data Source={file};Pooling=False");
        await writer.OpenAsync();
        await using (var exclusive = new SqliteCommand("BEGIN EXCLUSIVE; INSERT INTO a VALUES (1);", writer))
            await exclusive.ExecuteNonQueryAsync(); // readers of a rollback-journal file are now locked out
        await using var engine = await DatabaseFolder.OpenAsync(file);

        var read = Task.Run(() => engine.ReadHistoryAsync(default)); // the driver's async calls run synchronously
        await Task.Delay(500);
        Assert.False(read.IsCompleted);
        await using (var commit = new SqliteCommand("COMMIT", writer))
            await commit.ExecuteNonQueryAsync();

        Assert.Single(await read);
    }

    [Fact]
    public async Task A_missing_folder_is_a_clear_connection_error()
    {
        var engine = SqliteEngine.For(Connections.ConnectionTarget.Resolve("sqlite:" + Path.Combine(_folder.Path, "nope", "app.db"), null), HistoryTableName.DefaultTable);
        var error = await Assert.ThrowsAsync<Core.Diagnostics.DiagnosticException>(() => engine.OpenAsync(default));
        Assert.Equal("BM5009", error.Diagnostic.Code);
        Assert.Contains("nope", error.Diagnostic.Message);
    }

    private static async Task<IReadOnlyList<HistoryRecord>> HistoryAsync(string file)
    {
        await using var engine = await DatabaseFolder.OpenAsync(file);
        return await engine.ReadHistoryAsync(default);
    }
}
