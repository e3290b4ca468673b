using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Schema;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Engines.MySql.Tests;

public sealed class MySqlSnapshotTests(MariaDbServerFixture server) : IClassFixture<MariaDbServerFixture>
{
    private async Task<SchemaSnapshot> SnapshotAfterAsync(params string[] statements)
    {
        var database = await server.CreateDatabaseAsync();
        foreach (var sql in statements)
            await server.ExecuteAsync(database, sql);
        await using var engine = MySqlEngine.For(ConnectionTarget.Resolve(server.Url(database), null), HistoryTableName.DefaultTable);
        await engine.OpenAsync(default);
        await engine.EnsureHistoryAsync(default);
        return await engine.SnapshotAsync(default);
    }

    [Fact]
    public async Task The_same_schema_built_in_another_order_in_another_database_gives_an_equal_snapshot()
    {
        var first = await SnapshotAfterAsync(
            "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL UNIQUE)",
            "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id))",
            "CREATE INDEX orders_id_customer ON orders (id, customer_id)",
            "CREATE VIEW big AS SELECT id FROM orders WHERE id > 100",
            "CREATE TRIGGER orders_check BEFORE INSERT ON orders FOR EACH ROW SET NEW.id = NEW.id",
            "CREATE PROCEDURE noop() SELECT 1");
        var second = await SnapshotAfterAsync(
            "CREATE PROCEDURE noop() SELECT 1",
            "CREATE TABLE customers (email VARCHAR(200) NOT NULL, id INT NOT NULL)",
            "ALTER TABLE customers ADD PRIMARY KEY (id), ADD UNIQUE KEY email (email)",
            "CREATE TABLE orders (customer_id INT NOT NULL, id INT PRIMARY KEY)",
            "CREATE INDEX orders_id_customer ON orders (id, customer_id)",
            "ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)",
            "CREATE TRIGGER orders_check BEFORE INSERT ON orders FOR EACH ROW SET NEW.id = NEW.id",
            "CREATE VIEW big AS SELECT id FROM orders WHERE id > 100");
        Assert.Empty(second.Compare(first));
        foreach (var key in new[] { "table orders", "column customers.email", "index orders.orders_id_customer", "foreign key orders.orders_customer", "view big", "procedure noop", "trigger orders_check" })
            Assert.Contains(first.Objects, o => o.Key == key);
        Assert.DoesNotContain(first.Objects, o => o.Key.Contains("migration_history"));
        // The rules are read apart from the columns and completed into one definition.
        Assert.Matches(@"^\(customer_id\) REFERENCES customers \(id\) ON DELETE \w+ ON UPDATE \w+$", first.Objects.Single(o => o.Key == "foreign key orders.orders_customer").Definition);
        Assert.DoesNotContain(first.Objects, o => o.Key.StartsWith('+'));
    }

    [Fact]
    public async Task A_forgotten_index_and_a_dropped_column_are_named()
    {
        var before = await SnapshotAfterAsync("CREATE TABLE orders (id INT, customer_id INT)");
        var after = await SnapshotAfterAsync("CREATE TABLE orders (id INT)", "CREATE INDEX orders_id ON orders (id)");
        var messages = after.Compare(before).Select(d => d.Describe("after down")).ToList();
        Assert.Contains("index orders.orders_id still exists after down", messages);
        Assert.Contains("column orders.customer_id is missing after down", messages);
    }
}
