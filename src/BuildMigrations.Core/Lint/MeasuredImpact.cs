using System.Text.Json;

namespace BuildMigrations.Core.Lint;

/// <summary>A lock a proof saw a script take: the relation and the mode as pg_locks names it (e.g. <c>ShareLock</c>).</summary>
public sealed record MeasuredLock(string Relation, string Mode);

/// <summary>What a proof measured for one script: the locks it took and the tables it rewrote.</summary>
public sealed record MeasuredScript(IReadOnlyList<MeasuredLock> Locks, IReadOnlyList<string> Rewritten)
{
    /// <summary>In words: "ShareLock on public.items; rewrote public.items".</summary>
    public string Describe()
    {
        var locks = Locks.Count == 0 ? "no locks on existing tables" : string.Join(", ", Locks.Select(l => $"{l.Mode} on {l.Relation}"));
        return Rewritten.Count == 0 ? locks : $"{locks}; rewrote {string.Join(", ", Rewritten)}";
    }
}

/// <summary>What was measured for one migration's up and down (null: not measured, e.g. irreversible or outside a transaction).</summary>
public sealed record MeasuredMigration(string Version, MeasuredScript? Up, MeasuredScript? Down);

/// <summary>
/// The impact file <c>dotnet test</c> measures on PostgreSQL (<c>$(AssemblyName).impact.json</c>, beside the bundle
/// in the output folder and in the package), as plan reads it:
/// <c>{ "migrations": [ { "version": "0002", "up": { "locks": [ { "relation": "public.items", "mode": "ShareLock" } ],
/// "rewritten": [ "public.items" ] }, "down": { ... } } ] }</c>. Unknown properties are ignored, so the file may
/// carry more than plan shows.
/// </summary>
public sealed class MeasuredImpact
{
    private readonly Dictionary<string, MeasuredMigration> _migrations;

    private MeasuredImpact(Dictionary<string, MeasuredMigration> migrations) => _migrations = migrations;

    /// <summary>Where the impact file of the bundle named <paramref name="bundleName"/> at <paramref name="bundlePath"/> lies.</summary>
    public static string PathBeside(string bundlePath, string bundleName) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(bundlePath))!, $"{bundleName}.impact.json");

    /// <summary>Reads an impact file; throws <see cref="JsonException"/> or <see cref="InvalidOperationException"/> when it is not one.</summary>
    public static MeasuredImpact Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var migrations = new Dictionary<string, MeasuredMigration>(StringComparer.Ordinal);
        foreach (var migration in document.RootElement.GetProperty("migrations").EnumerateArray())
        {
            var version = migration.GetProperty("version").GetString()!;
            migrations[version] = new MeasuredMigration(version,
                migration.TryGetProperty("up", out var up) ? Script(up) : null,
                migration.TryGetProperty("down", out var down) ? Script(down) : null);
        }
        return new MeasuredImpact(migrations);
    }

    /// <summary>The file's text for <paramref name="migrations"/>, in their order.</summary>
    public static string ToJson(IEnumerable<MeasuredMigration> migrations)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("migrations");
            foreach (var migration in migrations)
            {
                json.WriteStartObject();
                json.WriteString("version", migration.Version);
                Write(json, "up", migration.Up);
                Write(json, "down", migration.Down);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>What was measured for the up script of <paramref name="version"/>, or null when it was not.</summary>
    public MeasuredScript? Up(string version) => _migrations.GetValueOrDefault(version)?.Up;

    /// <summary>What was measured for the down script of <paramref name="version"/>, or null when it was not.</summary>
    public MeasuredScript? Down(string version) => _migrations.GetValueOrDefault(version)?.Down;

    private static void Write(Utf8JsonWriter json, string name, MeasuredScript? script)
    {
        if (script is null)
            return;
        json.WriteStartObject(name);
        json.WriteStartArray("locks");
        foreach (var measured in script.Locks)
        {
            json.WriteStartObject();
            json.WriteString("relation", measured.Relation);
            json.WriteString("mode", measured.Mode);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("rewritten");
        foreach (var table in script.Rewritten)
            json.WriteStringValue(table);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static MeasuredScript Script(JsonElement script)
    {
        var locks = script.TryGetProperty("locks", out var l)
            ? l.EnumerateArray().Select(x => new MeasuredLock(x.GetProperty("relation").GetString()!, x.GetProperty("mode").GetString()!)).ToList()
            : [];
        var rewritten = script.TryGetProperty("rewritten", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        return new MeasuredScript(locks, rewritten);
    }
}
