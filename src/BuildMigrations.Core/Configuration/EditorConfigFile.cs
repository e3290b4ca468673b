using System.Text.RegularExpressions;

namespace BuildMigrations.Core.Configuration;

/// <summary>
/// One <c>.editorconfig</c> file: whether it is the root, and its sections (a glob and its key/value pairs) in file
/// order. Only what diagnostic severities need is read; unknown keys are kept but ignored by callers.
/// </summary>
public sealed class EditorConfigFile
{
    private readonly List<(Regex Glob, Dictionary<string, string> Properties)> _sections = [];

    private EditorConfigFile(string directory) => Directory = directory;

    /// <summary>The folder the file is in: globs with a '/' are relative to it.</summary>
    public string Directory { get; }

    /// <summary>True when the preamble says <c>root = true</c>: files above it are not read.</summary>
    public bool IsRoot { get; private set; }

    /// <summary>Parses the text of a file found in <paramref name="directory"/>.</summary>
    public static EditorConfigFile Parse(string text, string directory)
    {
        var file = new EditorConfigFile(directory);
        Dictionary<string, string>? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            if (line[0] == '[' && line[^1] == ']')
            {
                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                file._sections.Add((EditorConfigGlob.ToRegex(line[1..^1]), current));
                continue;
            }
            var equals = line.IndexOf('=');
            if (equals <= 0)
                continue;
            var key = line[..equals].Trim();
            var value = StripComment(line[(equals + 1)..]).Trim();
            if (current is null)
                file.IsRoot |= key.Equals("root", StringComparison.OrdinalIgnoreCase) && value.Equals("true", StringComparison.OrdinalIgnoreCase);
            else
                current[key] = value;
        }
        return file;
    }

    /// <summary>The value of <paramref name="key"/> for <paramref name="fullPath"/>: the last matching section wins.</summary>
    public string? Value(string fullPath, string key)
    {
        var relative = Path.GetRelativePath(Directory, fullPath).Replace('\\', '/');
        string? value = null;
        foreach (var (glob, properties) in _sections)
        {
            if (glob.IsMatch(relative) && properties.TryGetValue(key, out var found))
                value = found;
        }
        return value;
    }

    // Values may end in a comment: "error # too risky here".
    private static string StripComment(string value)
    {
        var hash = value.IndexOfAny(['#', ';']);
        return hash < 0 ? value : value[..hash];
    }
}
