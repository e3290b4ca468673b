using BuildMigrations.Engines.Schema;

namespace BuildMigrations.Engines.Sqlite.Tests;

public sealed class SqliteSnapshotTests : IDisposable
{
    private readonly DatabaseFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<SchemaSnapshot> SnapshotAfterAsync(string script)
    {
        await using var engine = await DatabaseFolder.OpenAsync(_folder.NewFile());
        await engine.EnsureHistoryAsync(default);
        await engine.RunEachAsync(engine.Split(script), default);
        return await engine.SnapshotAsync(default);
    }

    private const string Schema = """
        CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, created TEXT DEFAULT (datetime('now')));
        CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE, total REAL, size TEXT);
        CREATE INDEX orders_customer_idx ON orders (customer_id, total DESC);
        CREATE UNIQUE INDEX orders_big_idx ON orders (id) WHERE total > 100;
        CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
        CREATE TRIGGER orders_size AFTER INSERT ON orders BEGIN UPDATE orders SET size = CASE WHEN NEW.total > 100 THEN 'big' END WHERE id = NEW.id; END;
        CREATE TABLE pairs (a INTEGER, b INTEGER, PRIMARY KEY (a, b)) WITHOUT ROWID;
        """;

    private const string SameSchemaOtherOrder = """
        CREATE TABLE pairs (b INTEGER, a INTEGER, PRIMARY KEY (a, b)) WITHOUT ROWID;
        CREATE TABLE customers (email TEXT NOT NULL, created TEXT DEFAULT (datetime('now')), id INTEGER PRIMARY KEY, UNIQUE (email));
        CREATE TABLE orders (size TEXT, total REAL, id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER NOT NULL, FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE);
        CREATE TRIGGER orders_size AFTER INSERT ON orders BEGIN UPDATE orders SET size = CASE WHEN NEW.total > 100 THEN 'big' END WHERE id = NEW.id; END;
        CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
        CREATE UNIQUE INDEX orders_big_idx ON orders (id) WHERE total > 100;
        CREATE INDEX orders_customer_idx ON orders (customer_id, total DESC);
        """;

    [Fact]
    public async Task The_same_schema_built_in_another_order_gives_an_equal_snapshot()
    {
        var first = await SnapshotAfterAsync(Schema);
        var second = await SnapshotAfterAsync(SameSchemaOtherOrder);

        Assert.Empty(second.Compare(first));
        Assert.Equal(first.ToString(), second.ToString());
        var objects = first.Objects.ToDictionary(o => o.Key, o => o.Definition);
        Assert.Equal("TABLE", objects["table customers"]);
        Assert.Equal("TABLE WITHOUT ROWID", objects["table pairs"]);
        Assert.Equal("INTEGER NOT NULL", objects["column orders.customer_id"]);
        Assert.Equal("TEXT NULL DEFAULT datetime('now')", objects["column customers.created"]);
        Assert.Equal("INTEGER NOT NULL PRIMARY KEY 2", objects["column pairs.b"]); // WITHOUT ROWID keys are NOT NULL
        Assert.Equal("ON orders (customer_id, total DESC)", objects["index orders_customer_idx"]);
        Assert.Equal("UNIQUE ON orders (id) WHERE total > 100", objects["index orders_big_idx"]);
        Assert.Equal("UNIQUE", objects["unique customers (email)"]);
        Assert.Equal("ON UPDATE NO ACTION ON DELETE CASCADE MATCH NONE", objects["foreign key orders (customer_id) REFERENCES customers (id)"]);
        Assert.StartsWith("CREATE VIEW big_orders AS SELECT", objects["view big_orders"]);
        Assert.Contains("CASE WHEN NEW.total > 100 THEN 'big' END", objects["trigger orders.orders_size"]);
    }

    [Fact]
    public async Task SQLite_tables_and_the_history_table_are_left_out()
    {
        var snapshot = await SnapshotAfterAsync("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT); INSERT INTO t DEFAULT VALUES;");
        Assert.Equal(["column t.id", "table t"], snapshot.Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task A_forgotten_index_and_a_changed_column_are_named()
    {
        var before = await SnapshotAfterAsync("CREATE TABLE orders (id INTEGER, customer_id INTEGER);");
        var after = await SnapshotAfterAsync("CREATE TABLE orders (id TEXT); CREATE INDEX orders_customer_idx ON orders (id);");

        var messages = after.Compare(before).Select(d => d.Describe("after down")).ToList();

        Assert.Contains("index orders_customer_idx still exists after down", messages);
        Assert.Contains("column orders.customer_id is missing after down", messages);
        Assert.Contains("column orders.id differs after down: expected INTEGER NULL, found TEXT NULL", messages);
    }

    [Fact]
    public async Task A_partial_index_condition_and_a_trigger_body_are_compared()
    {
        var snapshot = await SnapshotAfterAsync("CREATE TABLE t (a INTEGER); CREATE INDEX t_a ON t (a) WHERE a > 1;");
        var other = await SnapshotAfterAsync("CREATE TABLE t (a INTEGER); CREATE INDEX t_a ON t (a) WHERE a > 2;");
        Assert.Equal("index t_a", Assert.Single(other.Compare(snapshot)).Key);

        var withTrigger = await SnapshotAfterAsync("CREATE TABLE t (a INTEGER); CREATE TRIGGER t_x AFTER INSERT ON t BEGIN SELECT 1; END;");
        var otherTrigger = await SnapshotAfterAsync("CREATE TABLE t (a INTEGER); CREATE TRIGGER t_x AFTER INSERT ON t BEGIN SELECT 2; END;");
        Assert.Equal("trigger t.t_x", Assert.Single(otherTrigger.Compare(withTrigger)).Key);
    }
}
