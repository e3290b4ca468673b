using System.Globalization;
using System.Text.RegularExpressions;
using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Tool.Output;

/// <summary>Durations as written on the command line: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>.</summary>
internal static class Durations
{
    private static readonly Regex Pattern = new(@"^(?<n>\d+)(?<unit>ms|s|m|h)$", RegexOptions.CultureInvariant);

    private static readonly long MaxTicks = TimeSpan.FromDays(365).Ticks;

    public static TimeSpan Parse(string text)
    {
        var match = Pattern.Match(text.Trim());
        if (!match.Success)
            throw new DiagnosticException(Problems.InvalidArgument($"'{text}' is not a duration; write it like 30s, 5m or 1h"));
        var unit = match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" => TimeSpan.FromMinutes(1),
            _ => TimeSpan.FromHours(1),
        };
        // Longer than a year is no timeout anybody means (and beyond TimeSpan's range for large numbers).
        if (!long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > MaxTicks / unit.Ticks)
            throw new DiagnosticException(Problems.InvalidArgument($"'{text}' is too long; durations go up to 365 days (8760h)"));
        return TimeSpan.FromTicks(n * unit.Ticks);
    }

    public static string Format(TimeSpan duration) => duration.TotalSeconds < 1
        ? $"{duration.TotalMilliseconds:0} ms"
        : duration.TotalMinutes < 1 ? $"{duration.TotalSeconds:0.0} s" : $"{(int)duration.TotalMinutes}m{duration.Seconds:00}s";
}
