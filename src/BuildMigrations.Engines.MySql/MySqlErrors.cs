using System.Text.RegularExpressions;
using MySqlConnector;

namespace BuildMigrations.Engines.MySql;

/// <summary>Turns server errors into messages that say what failed, and where in the statement.</summary>
internal static class MySqlErrors
{
    private static readonly Regex LineInStatement = new(@" at line (?<line>\d+)$", RegexOptions.CultureInvariant);

    /// <summary>"1146 (42S02): Table 'shop.x' doesn't exist", like the mysql client prints it without its input line.</summary>
    public static string Describe(MySqlException e) =>
        e.Number > 0 ? $"{e.Number} ({e.SqlState ?? "HY000"}): {e.Message}" : e.Message;

    /// <summary>The server's "near '...' at line N": the line inside the statement.</summary>
    public static int? Line(string message) =>
        LineInStatement.Match(message) is { Success: true } m ? int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
