using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Core.Fleets;

/// <summary>
/// A targets file: one connection per line; blank lines and lines starting with <c>#</c> are skipped. Only whole
/// lines are comments: a <c>#</c> inside a line may be part of a password.
/// </summary>
public static class TargetList
{
    public static IReadOnlyList<FleetTarget> Parse(string text)
    {
        var lines = text.Split('\n');
        var targets = new List<FleetTarget>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
                targets.Add(new FleetTarget(i + 1, line));
        }
        return targets;
    }

    /// <summary>Reads and parses <paramref name="path"/>; throws BM4008 when it cannot be read or lists no target.</summary>
    public static IReadOnlyList<FleetTarget> ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DiagnosticException(Problems.TargetsFileUnusable(path, e.Message));
        }
        var targets = Parse(text);
        return targets.Count > 0 ? targets : throw new DiagnosticException(Problems.TargetsFileUnusable(path, "it lists no connection"));
    }
}
