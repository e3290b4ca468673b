using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Schema;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Engines.PostgreSql.Tests;

public sealed class PostgreSqlSnapshotTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    private async Task<SchemaSnapshot> SnapshotAfterAsync(string sql)
    {
        var database = await server.CreateDatabaseAsync();
        if (sql.Length > 0)
            await server.ExecuteAsync(database, sql);
        var target = ConnectionTarget.Resolve(server.Url(database), null);
        await using var engine = new PostgreSqlEngine(PostgreSqlConnections.ToConnectionString(target), HistoryTableName.Parse(HistoryTableName.DefaultTable, "public"));
        await engine.OpenAsync(default);
        await engine.EnsureHistoryAsync(default);
        return await engine.SnapshotAsync(default);
    }

    private const string Schema = """
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
        CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
        CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE, feeling mood DEFAULT 'ok');
        CREATE TABLE orders (id serial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), total positive);
        CREATE INDEX orders_customer_idx ON orders (customer_id);
        CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE SEQUENCE invoice_numbers START 1000;
        """;

    private const string SameSchemaOtherOrder = """
        CREATE SEQUENCE invoice_numbers START 1000;
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
        CREATE TABLE customers (email text NOT NULL, id bigint GENERATED ALWAYS AS IDENTITY, feeling mood DEFAULT 'ok');
        ALTER TABLE customers ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
        ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);
        CREATE TABLE orders (total positive, customer_id bigint NOT NULL, id serial PRIMARY KEY);
        ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);
        CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
        CREATE INDEX orders_customer_idx ON orders (customer_id);
        """;

    [Fact]
    public async Task The_same_schema_built_in_another_order_gives_an_equal_snapshot()
    {
        var first = await SnapshotAfterAsync(Schema);
        var second = await SnapshotAfterAsync(SameSchemaOtherOrder);
        Assert.Empty(second.Compare(first));
        Assert.Equal(first.ToString(), second.ToString());
        foreach (var key in new[] { "table public.orders", "column public.customers.email", "index public.orders_customer_idx", "view public.big_orders",
                     "function public.touch()", "trigger public.orders.orders_touch", "enum public.mood", "domain public.positive",
                     "sequence public.invoice_numbers", "constraint public.orders.orders_customer_id_fkey" })
            Assert.Contains(first.Objects, o => o.Key == key);
    }

    [Fact]
    public async Task The_history_table_and_what_belongs_to_it_are_left_out()
    {
        var empty = await SnapshotAfterAsync("");
        Assert.DoesNotContain(empty.Objects, o => o.Key.Contains("migration_history"));
        Assert.Equal(["schema public"], empty.Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task A_forgotten_index_and_a_changed_column_are_named()
    {
        var before = await SnapshotAfterAsync("CREATE TABLE orders (id int, customer_id int);");
        var after = await SnapshotAfterAsync("CREATE TABLE orders (id bigint); CREATE INDEX orders_customer_idx ON orders (id);");
        var messages = after.Compare(before).Select(d => d.Describe("after down")).ToList();
        Assert.Contains("index public.orders_customer_idx still exists after down", messages);
        Assert.Contains("column public.orders.customer_id is missing after down", messages);
        Assert.Contains(messages, m => m.StartsWith("column public.orders.id differs after down: expected integer NULL, found bigint NULL", StringComparison.Ordinal));
    }
}
