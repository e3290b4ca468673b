using System.Globalization;
using System.Text;

namespace BuildMigrations.Engines.MySql;

/// <summary>
/// SQL literals for statements sent through the client, which has no parameters. Text goes as a hex literal
/// converted to utf8mb4, so no quoting or escaping mode (NO_BACKSLASH_ESCAPES, ANSI_QUOTES) can break it.
/// </summary>
internal static class MySqlLiteral
{
    public static string Text(string? value) =>
        value is null ? "NULL" : value.Length == 0 ? "''" : $"CONVERT(X'{Convert.ToHexString(Encoding.UTF8.GetBytes(value))}' USING utf8mb4)";

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "NULL";

    public static string Bool(bool value) => value ? "1" : "0";

    public static string Time(DateTimeOffset? value) =>
        value is null ? "NULL" : $"'{value.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}'";

    public static string Identifier(string name) => "`" + name.Replace("`", "``") + "`";

    /// <summary>Decodes a HEX() column read back from the client.</summary>
    public static string? FromHex(string value) =>
        value == "NULL" ? null : Encoding.UTF8.GetString(Convert.FromHexString(value));
}
