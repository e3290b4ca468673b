using System.Text.RegularExpressions;

namespace BuildMigrations.Engines.MySql;

/// <summary>Makes the client's error lines say what failed, and where in the statement.</summary>
internal static class MySqlErrors
{
    private static readonly Regex StreamLine = new(@"^ERROR (?<code>\d+) \((?<state>\w+)\)( at line \d+)?: (?<message>.*)$", RegexOptions.CultureInvariant);
    private static readonly Regex LineInStatement = new(@" at line (?<line>\d+)$", RegexOptions.CultureInvariant);

    /// <summary>"ERROR 1146 (42S02) at line 12: ..." becomes "1146 (42S02): ..." (the line counted the client's input, not the script).</summary>
    public static string WithoutStreamLine(string line)
    {
        var match = StreamLine.Match(line);
        return match.Success ? $"{match.Groups["code"].Value} ({match.Groups["state"].Value}): {match.Groups["message"].Value}" : line;
    }

    /// <summary>The server's "near '...' at line N": the line inside the statement.</summary>
    public static int? Line(string message) =>
        LineInStatement.Match(message) is { Success: true } m ? int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
