using BuildMigrations.Engines.Schema;

namespace BuildMigrations.Engines.Tests;

public class SchemaSnapshotTests
{
    private static SchemaSnapshot Of(params (string Key, string Definition)[] objects) => new(objects.Select(o => new SchemaObject(o.Key, o.Definition)));

    [Fact]
    public void Equal_sets_have_no_differences_whatever_their_order() =>
        Assert.Empty(Of(("table a", ""), ("column a.x", "int")).Compare(Of(("column a.x", "int"), ("table a", ""))));

    [Fact]
    public void Differences_are_missing_left_over_or_changed_in_key_order()
    {
        var expected = Of(("column a.x", "int"), ("column a.y", "text"), ("table a", ""));
        var actual = Of(("column a.x", "bigint"), ("index a_x", "CREATE INDEX a_x ON a (x)"), ("table a", ""));
        var differences = actual.Compare(expected);
        Assert.Equal(
            ["column a.x differs after down: expected int, found bigint", "column a.y is missing after down", "index a_x still exists after down"],
            differences.Select(d => d.Describe("after down")));
        Assert.Equal([SchemaChange.Changed, SchemaChange.Missing, SchemaChange.LeftOver], differences.Select(d => d.Change));
    }
}
