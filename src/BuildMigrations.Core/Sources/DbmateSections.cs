using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Sources;

/// <summary>Splits a dbmate file into its <c>-- migrate:up</c> and <c>-- migrate:down</c> sections.</summary>
internal static class DbmateSections
{
    private const string UpMarker = "-- migrate:up";
    private const string DownMarker = "-- migrate:down";

    public static IEnumerable<ScriptCandidate> Split(
        MigrationVersion version, string description, string path, string displayPath, string text, ICollection<Diagnostic> diagnostics)
    {
        var lines = text.Split('\n');
        var up = Array.FindIndex(lines, l => l.TrimStart().StartsWith(UpMarker, StringComparison.Ordinal));
        var down = Array.FindIndex(lines, l => l.TrimStart().StartsWith(DownMarker, StringComparison.Ordinal));
        if (up < 0)
        {
            diagnostics.Add(Problems.DbmateSectionMissing(displayPath));
            yield break;
        }
        var upEnd = down > up ? down : lines.Length;
        yield return Section(ScriptKind.Up, up, upEnd);
        if (down >= 0)
            yield return Section(ScriptKind.Down, down, down < up ? up : lines.Length);

        ScriptCandidate Section(ScriptKind kind, int marker, int end)
        {
            // dbmate's own option on the marker line; ours (-- migration: no-transaction) works too.
            var noTransaction = lines[marker].Contains("transaction:false", StringComparison.Ordinal);
            var body = string.Join('\n', lines[(marker + 1)..end]);
            return new ScriptCandidate(version, description, kind, path, marker + 2, body, noTransaction);
        }
    }
}
