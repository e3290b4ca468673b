using System.Text.Json;

namespace BuildMigrations.Core.Lint;

/// <summary>A lock a proof saw a script take: the relation and the mode as pg_locks names it (e.g. <c>ShareLock</c>).</summary>
public sealed record MeasuredLock(string Relation, string Mode);

/// <summary>What a proof measured for one script: the locks it took and the tables it rewrote.</summary>
public sealed record MeasuredScript(IReadOnlyList<MeasuredLock> Locks, IReadOnlyList<string> Rewritten);

/// <summary>
/// The impact file <c>dotnet test</c> measures on PostgreSQL (<c>$(AssemblyName).impact.json</c>, beside the bundle
/// in the output folder and in the package), as plan reads it:
/// <c>{ "migrations": [ { "version": "0002", "up": { "locks": [ { "relation": "public.items", "mode": "ShareLock" } ],
/// "rewritten": [ "public.items" ] }, "down": { ... } } ] }</c>. Unknown properties are ignored, so the file may
/// carry more than plan shows.
/// </summary>
public sealed class MeasuredImpact
{
    private readonly Dictionary<string, MeasuredScript> _ups;

    private MeasuredImpact(Dictionary<string, MeasuredScript> ups) => _ups = ups;

    /// <summary>Where the impact file of the bundle named <paramref name="bundleName"/> at <paramref name="bundlePath"/> lies.</summary>
    public static string PathBeside(string bundlePath, string bundleName) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(bundlePath))!, $"{bundleName}.impact.json");

    /// <summary>Reads an impact file; throws <see cref="JsonException"/> or <see cref="InvalidOperationException"/> when it is not one.</summary>
    public static MeasuredImpact Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var ups = new Dictionary<string, MeasuredScript>(StringComparer.Ordinal);
        foreach (var migration in document.RootElement.GetProperty("migrations").EnumerateArray())
        {
            if (migration.TryGetProperty("up", out var up))
                ups[migration.GetProperty("version").GetString()!] = Script(up);
        }
        return new MeasuredImpact(ups);
    }

    /// <summary>What was measured for the up script of <paramref name="version"/>, or null when it was not.</summary>
    public MeasuredScript? Up(string version) => _ups.GetValueOrDefault(version);

    private static MeasuredScript Script(JsonElement script)
    {
        var locks = script.TryGetProperty("locks", out var l)
            ? l.EnumerateArray().Select(x => new MeasuredLock(x.GetProperty("relation").GetString()!, x.GetProperty("mode").GetString()!)).ToList()
            : [];
        var rewritten = script.TryGetProperty("rewritten", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        return new MeasuredScript(locks, rewritten);
    }
}
