namespace BuildMigrations.Engines.Schema;

/// <summary>
/// A database schema as a canonical set of objects: each has a key naming it (<c>index public.orders_customer_idx</c>)
/// and a definition. Built from the catalog, never from OIDs or creation order, so the same schema built by
/// statements in another order gives an equal snapshot.
/// </summary>
public sealed class SchemaSnapshot
{
    private readonly SortedDictionary<string, string> _objects;

    public SchemaSnapshot(IEnumerable<SchemaObject> objects)
    {
        _objects = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in objects)
            _objects[item.Key] = item.Definition;
    }

    /// <summary>Every object, ordered by key.</summary>
    public IEnumerable<SchemaObject> Objects => _objects.Select(kv => new SchemaObject(kv.Key, kv.Value));

    public int Count => _objects.Count;

    /// <summary>What differs from <paramref name="expected"/>: objects missing, left over, or defined differently.</summary>
    public IReadOnlyList<SchemaDifference> Compare(SchemaSnapshot expected)
    {
        var differences = new List<SchemaDifference>();
        foreach (var (key, definition) in expected._objects)
        {
            if (!_objects.TryGetValue(key, out var actual))
                differences.Add(new SchemaDifference(key, SchemaChange.Missing, definition, null));
            else if (actual != definition)
                differences.Add(new SchemaDifference(key, SchemaChange.Changed, definition, actual));
        }
        foreach (var (key, definition) in _objects.Where(kv => !expected._objects.ContainsKey(kv.Key)))
            differences.Add(new SchemaDifference(key, SchemaChange.LeftOver, null, definition));
        return differences.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>One line per object, for golden files and debugging.</summary>
    public override string ToString() => string.Join('\n', _objects.Select(kv => $"{kv.Key}: {kv.Value}"));
}

/// <summary>One object of a schema: <c>kind qualified.name</c> and its canonical definition.</summary>
public sealed record SchemaObject(string Key, string Definition);

/// <summary>How an object differs.</summary>
public enum SchemaChange
{
    /// <summary>Expected but absent (e.g. a down script dropped something the up did not create).</summary>
    Missing,

    /// <summary>Present but not expected (e.g. a down script forgot to drop it).</summary>
    LeftOver,

    /// <summary>Present in both with different definitions.</summary>
    Changed,
}

/// <summary>A difference between two snapshots, phrased for a rollback test's failure message or for drift.</summary>
public sealed record SchemaDifference(string Key, SchemaChange Change, string? Expected, string? Actual)
{
    /// <summary>E.g. "index public.orders_customer_idx still exists after down".</summary>
    public string Describe(string when) => Change switch
    {
        SchemaChange.LeftOver => $"{Key} still exists {when}",
        SchemaChange.Missing => $"{Key} is missing {when}",
        _ => $"{Key} differs {when}: expected {Expected}, found {Actual}",
    };

    /// <summary>
    /// E.g. "column public.orders.note: in the database, not produced by the migrations", for drift (the snapshot
    /// compared is the live database's, the expected one what the applied migrations produce).
    /// </summary>
    public string DescribeDrift() => Change switch
    {
        SchemaChange.LeftOver => $"{Key}: in the database, not produced by the migrations",
        SchemaChange.Missing => $"{Key}: produced by the migrations, not in the database",
        _ => $"{Key}: the migrations produce {Expected}, the database has {Actual}",
    };
}
