using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Integrity;

/// <summary>One line of migrations.sum: a migration file and the cumulative hash of it and every file before it.</summary>
public sealed record SumLine(string Path, string Hash);

/// <summary>
/// migrations.sum: a total hash, then one line per migration file with a cumulative hash, so two branches
/// that each add a migration conflict in this file at merge time instead of silently forking the history.
/// </summary>
/// <remarks>
/// Line i's hash is <c>h1:base64(SHA-256(previous line's hash ‖ path ‖ "\n" ‖ file SHA-256 ‖ "\n"))</c>, so each
/// recorded line can be re-checked alone against the current file, and any edit, insertion or reorder changes
/// every later line. The first line is <c>h1:</c> + base64 SHA-256 of all file lines, catching hand edits.
/// </remarks>
public sealed record SumFile(string TotalHash, IReadOnlyList<SumLine> Lines)
{
    /// <summary>The conventional file name, beside the migrations.</summary>
    public const string FileName = "migrations.sum";

    private const string Prefix = "h1:";

    /// <summary>The sum of a folder's source files, in migration order.</summary>
    public static SumFile Compute(MigrationSet set) => Compute(set.SourceFiles);

    /// <summary>The sum of (path, file SHA-256) pairs, in migration order.</summary>
    public static SumFile Compute(IEnumerable<(string Path, string Sha256)> files)
    {
        var lines = new List<SumLine>();
        var previous = "";
        foreach (var (path, sha) in files)
        {
            previous = ChainHash(previous, path, sha);
            lines.Add(new SumLine(path, previous));
        }
        return new SumFile(TotalOf(lines), lines);
    }

    /// <summary>The hash line <paramref name="path"/> would have after a line hashed <paramref name="previous"/>.</summary>
    internal static string ChainHash(string previous, string path, string fileSha256) =>
        Prefix + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{previous}{path}\n{fileSha256}\n")));

    /// <summary>The total hash over the file lines.</summary>
    internal static string TotalOf(IEnumerable<SumLine> lines) =>
        Prefix + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => $"{l.Path} {l.Hash}\n")))));

    /// <summary>The file's text: LF line endings, a final newline.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.Append(TotalHash).Append('\n');
        foreach (var line in Lines)
            text.Append(line.Path).Append(' ').Append(line.Hash).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// Parses the text of a migrations.sum; null with the 1-based line of the first malformed line
    /// (merge-conflict markers included, and a file listed twice, which only a bad merge or edit writes).
    /// </summary>
    public static SumFile? TryParse(string text, out int badLine)
    {
        badLine = 0;
        var rows = text.Replace("\r\n", "\n").Split('\n');
        var count = rows.Length > 0 && rows[^1].Length == 0 ? rows.Length - 1 : rows.Length;
        if (count == 0 || !IsHash(rows[0]))
        {
            badLine = 1;
            return null;
        }
        var lines = new List<SumLine>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < count; i++)
        {
            var parts = rows[i].Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || !IsHash(parts[1]) || !paths.Add(parts[0]))
            {
                badLine = i + 1;
                return null;
            }
            lines.Add(new SumLine(parts[0], parts[1]));
        }
        return new SumFile(rows[0], lines);
    }

    // Base64 only: a hash that kept a stray '\r' (or any other character) would not survive being written back.
    private static bool IsHash(string value) =>
        value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length > Prefix.Length &&
        value.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64Characters) < 0;

    private static readonly SearchValues<char> Base64Characters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");
}
