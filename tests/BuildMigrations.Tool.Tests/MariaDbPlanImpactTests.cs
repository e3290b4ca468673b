using System.Text.Json;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary><c>plan</c>'s impact preview on MariaDB: the InnoDB algorithm of each ALTER and the table's live size.</summary>
public sealed class MariaDbPlanImpactTests(MariaDbServerFixture server) : DeployTestBase("mariadb", () => server.Password), IClassFixture<MariaDbServerFixture>
{
    [Fact]
    public async Task Plan_shows_the_algorithm_the_copy_and_the_table_size()
    {
        var database = await server.CreateDatabaseAsync();
        (string, string)[] base_ = [("0001_items.up.sql", "CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(50));\n"), ("0001_items.down.sql", "DROP TABLE items;\n")];
        Assert.Equal(0, Tool("deploy", BuildBundle("base", base_), "-c", server.Url(database)).ExitCode);
        await server.ExecuteAsync(database, "INSERT INTO items SELECT seq, CONCAT('note ', seq) FROM seq_1_to_20000; ANALYZE TABLE items;");

        var bundle = BuildBundle("pending", [.. base_,
            ("0002_change.up.sql", "ALTER TABLE items ADD INDEX items_note (note);\nALTER TABLE items MODIFY note VARCHAR(200);\n"),
            ("0002_change.down.sql", "ALTER TABLE items MODIFY note VARCHAR(50);\nALTER TABLE items DROP INDEX items_note;\n")]);
        var json = Tool("plan", bundle, "-c", server.Url(database), "--output", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        var impact = document.RootElement.GetProperty("migrations")[0].GetProperty("impact");
        Assert.Equal(("INPLACE", false), (impact[0].GetProperty("algorithm").GetString(), impact[0].GetProperty("rewrite").GetBoolean()));
        Assert.Equal(("COPY", true), (impact[1].GetProperty("algorithm").GetString(), impact[1].GetProperty("rewrite").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, impact[1].GetProperty("lock").ValueKind);
        var table = impact[1].GetProperty("tables")[0];
        // InnoDB's TABLE_ROWS is an estimate from sampled pages.
        Assert.InRange(table.GetProperty("rows").GetInt64(), 10_000, 30_000);
        Assert.True(table.GetProperty("bytes").GetInt64() > 100_000);

        var text = Tool("plan", bundle, "-c", server.Url(database));
        Assert.Matches(@"--   line 2: ALTER TABLE items MODIFY note VARCHAR\(200\)\n--     ALGORITHM=COPY on items \(about [\d,]+ rows, [\d.]+ [kM]B\) and rewrites it", text.Stdout);
    }
}
