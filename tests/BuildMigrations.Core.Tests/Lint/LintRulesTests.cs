using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Tests.Lint;

/// <summary>Each rule fires on its risky form on an existing table, and not on the safe form.</summary>
public class LintRulesTests
{
    private const string Pg = EngineNames.PostgreSql;
    private const string My = EngineNames.MySql;
    private const string NoTransaction = "-- migration: no-transaction\n";

    [Theory]
    [InlineData(Pg, "DROP TABLE orders;", "BM6001")]
    [InlineData(My, "DROP TABLE IF EXISTS `orders`;", "BM6001")]
    [InlineData(Pg, "ALTER TABLE orders DROP COLUMN note;", "BM6002")]
    [InlineData(My, "ALTER TABLE orders DROP note;", "BM6002")]
    [InlineData(Pg, "DROP SCHEMA billing CASCADE;", "BM6003")]
    [InlineData(Pg, "TRUNCATE orders;", "BM6004")]
    [InlineData(Pg, "DELETE FROM orders;", "BM6005")]
    [InlineData(Pg, "UPDATE orders SET note = 'x';", "BM6006")]
    [InlineData(Pg, "ALTER TABLE orders RENAME TO purchases;", "BM6007")]
    [InlineData(My, "RENAME TABLE orders TO purchases;", "BM6007")]
    [InlineData(Pg, "ALTER TABLE orders RENAME COLUMN note TO remark;", "BM6008")]
    [InlineData(My, "ALTER TABLE orders CHANGE note remark text;", "BM6008")]
    [InlineData(Pg, "ALTER TABLE orders ALTER COLUMN id TYPE bigint;", "BM6009,BM6016")]
    [InlineData(My, "ALTER TABLE orders MODIFY id bigint;", "BM6009,BM6021")]
    [InlineData(Pg, "ALTER TABLE orders ADD COLUMN note text NOT NULL;", "BM6010")]
    [InlineData(Pg, "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;", "BM6011")]
    [InlineData(Pg, NoTransaction + "CREATE UNIQUE INDEX CONCURRENTLY orders_note ON orders (note);", "BM6012")]
    [InlineData(Pg, "ALTER TABLE orders ADD CONSTRAINT orders_note_key UNIQUE (note);", "BM6012")]
    [InlineData(My, "ALTER TABLE orders ADD UNIQUE KEY orders_note (note);", "BM6012")]
    [InlineData(Pg, "CREATE INDEX orders_note ON public.orders (note);", "BM6013")]
    [InlineData(Pg, "ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);", "BM6014")]
    [InlineData(Pg, "ALTER TABLE orders ADD CONSTRAINT orders_positive CHECK (id > 0);", "BM6015")]
    [InlineData(Pg, "VACUUM FULL orders;", "BM6017")]
    [InlineData(Pg, "VACUUM (FULL, ANALYZE) orders;", "BM6017")]
    [InlineData(Pg, "CLUSTER orders USING orders_pkey;", "BM6018")]
    [InlineData(Pg, "REINDEX TABLE orders;", "BM6019")]
    [InlineData(Pg, "CREATE INDEX CONCURRENTLY orders_note ON orders (note);", "BM6020")]
    [InlineData(My, "ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4;", "BM6021")]
    [InlineData(My, "ALTER TABLE orders ADD COLUMN note text, ALGORITHM=COPY;", "BM6021")]
    [InlineData(Pg, "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();", "BM6022")]
    [InlineData(Pg, "DROP INDEX orders_note;", "BM6023")]
    public void Risky_form_on_an_existing_table_is_reported(string engine, string sql, string expected)
    {
        Assert.Equal(expected.Split(','), Linting.Codes(engine, sql + "\n"));
    }

    [Theory]
    [InlineData(Pg, NoTransaction + "CREATE INDEX CONCURRENTLY orders_note ON orders (note);")]
    [InlineData(Pg, NoTransaction + "REINDEX INDEX CONCURRENTLY orders_note;")]
    [InlineData(Pg, NoTransaction + "DROP INDEX CONCURRENTLY IF EXISTS orders_note;")]
    [InlineData(Pg, "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT fk;")]
    [InlineData(Pg, "ALTER TABLE orders ADD CONSTRAINT positive CHECK (id > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT positive;")]
    [InlineData(Pg, "ALTER TABLE orders ADD COLUMN note text NOT NULL DEFAULT '';")]
    [InlineData(Pg, "ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();")]
    [InlineData(Pg, "ALTER TABLE orders ADD CONSTRAINT orders_note_key UNIQUE USING INDEX orders_note;")]
    [InlineData(Pg, "DELETE FROM orders WHERE id < 10;")]
    [InlineData(Pg, "UPDATE orders SET note = '' WHERE note IS NULL;")]
    [InlineData(Pg, "VACUUM orders;")]
    [InlineData(Pg, "-- DROP TABLE orders;\nSELECT 'DROP TABLE orders';")]
    [InlineData(Pg, "DO $$ BEGIN EXECUTE 'DROP TABLE orders'; END $$;")]
    [InlineData(My, "ALTER TABLE orders ADD INDEX orders_note (note);")]
    [InlineData(My, "ALTER TABLE orders ADD COLUMN note text;")]
    [InlineData(My, "-- migration: nowarn BM6009\nALTER TABLE orders MODIFY id bigint, ALGORITHM=INPLACE, LOCK=NONE;")]
    public void Safe_form_is_not_reported(string engine, string sql)
    {
        Assert.Empty(Linting.Up(engine, sql + "\n"));
    }

    [Fact]
    public void Statements_on_a_table_created_earlier_in_the_same_migration_are_not_reported()
    {
        var up = "CREATE TABLE invoices (id int, note text);\nCREATE INDEX invoices_note ON invoices (note);\n" +
                 "ALTER TABLE invoices ALTER COLUMN id TYPE bigint;\nALTER TABLE public.invoices ADD COLUMN total int NOT NULL;\nUPDATE invoices SET note = '';\n";
        Assert.Empty(Linting.Up(Pg, up));
    }

    [Fact]
    public void A_statement_before_the_create_table_is_still_reported()
    {
        Assert.Equal(["BM6013"], Linting.Codes(Pg, "CREATE INDEX x ON invoices (a);\nCREATE TABLE invoices (a int);\n"));
    }

    [Fact]
    public void Down_scripts_are_exempt_from_the_destructive_rules_only()
    {
        var findings = Linting.Up(Pg, "SELECT 1;\n", down: "DROP TABLE orders;\nTRUNCATE orders;\nALTER TABLE orders DROP COLUMN a;\nCREATE INDEX i ON orders (a);\n");
        var finding = Assert.Single(findings);
        Assert.Equal(("BM6013", "0002_change.down.sql", 4), (finding.Code, finding.File, finding.Line));
    }

    [Fact]
    public void Nowarn_line_silences_its_codes_in_that_script()
    {
        Assert.Equal(["BM6016"], Linting.Codes(Pg, "-- migration: nowarn BM6009\nALTER TABLE orders ALTER COLUMN id TYPE bigint;\n"));
    }

    [Fact]
    public void Finding_is_at_the_statements_line_and_names_object_risk_and_safe_form()
    {
        var finding = Assert.Single(Linting.Up(Pg, "-- add an index\n\nSELECT 1;\nCREATE INDEX orders_note\n  ON orders (note);\n"));
        Assert.Equal(("0002_change.up.sql", 4, 1), (finding.File, finding.Line, finding.Column));
        Assert.Contains("orders_note", finding.Message);
        Assert.Contains("SHARE lock", finding.Message);
        Assert.Contains("CREATE INDEX CONCURRENTLY", finding.Message);
        Assert.Contains("nowarn BM6013", finding.Message);
    }

    [Fact]
    public void Sqlite_gets_the_rules_for_every_engine_but_not_postgresqls_lock_rules()
    {
        var up = "DROP TABLE [orders];\nALTER TABLE \"orders\" RENAME COLUMN note TO remark;\nCREATE INDEX orders_note ON orders (note);\n";
        Assert.Equal(["BM6001", "BM6008"], Linting.Codes(EngineNames.Sqlite, up));
    }
}
