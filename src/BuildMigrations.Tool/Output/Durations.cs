using System.Globalization;
using System.Text.RegularExpressions;
using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Tool.Output;

/// <summary>Durations as written on the command line: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>.</summary>
internal static class Durations
{
    private static readonly Regex Pattern = new(@"^(?<n>\d+)(?<unit>ms|s|m|h)$", RegexOptions.CultureInvariant);

    public static TimeSpan Parse(string text)
    {
        var match = Pattern.Match(text.Trim());
        if (!match.Success)
            throw new DiagnosticException(Problems.InvalidArgument($"'{text}' is not a duration; write it like 30s, 5m or 1h"));
        var n = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            _ => TimeSpan.FromHours(n),
        };
    }

    public static string Format(TimeSpan duration) => duration.TotalSeconds < 1
        ? $"{duration.TotalMilliseconds:0} ms"
        : duration.TotalMinutes < 1 ? $"{duration.TotalSeconds:0.0} s" : $"{(int)duration.TotalMinutes}m{duration.Seconds:00}s";
}
