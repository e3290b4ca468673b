namespace BuildMigrations.Core.Model;

/// <summary>
/// A migration version: digits, optionally dotted (<c>0001</c>, <c>20260120093000</c>, <c>1.2</c>).
/// Compared numerically part by part, with no length limit (20-digit timestamps exceed a 64-bit
/// integer), so <c>2 &lt; 10</c> and <c>1.2 &lt; 1.10</c>; missing parts count as zero, so <c>1 == 1.0</c>.
/// </summary>
public sealed class MigrationVersion : IComparable<MigrationVersion>, IEquatable<MigrationVersion>
{
    // Each part as digits without leading zeros ("0" for zero), so numeric comparison is
    // length first, then ordinal.
    private readonly string[] _parts;

    private MigrationVersion(string text, string[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The version as written in the file name.</summary>
    public string Text { get; }

    /// <summary>Parses digits separated by single dots; null when <paramref name="text"/> is not such a version.</summary>
    public static MigrationVersion? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var parts = text.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || parts[i].AsSpan().ContainsAnyExceptInRange('0', '9'))
                return null;
            parts[i] = TrimLeadingZeros(parts[i]);
        }
        return new MigrationVersion(text, parts);
    }

    /// <summary>Parses a version or throws <see cref="FormatException"/>.</summary>
    public static MigrationVersion Parse(string text) =>
        TryParse(text) ?? throw new FormatException($"'{text}' is not a migration version (digits, optionally dotted)");

    private static string TrimLeadingZeros(string digits)
    {
        var trimmed = digits.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    public int CompareTo(MigrationVersion? other)
    {
        if (other is null)
            return 1;
        var count = Math.Max(_parts.Length, other._parts.Length);
        for (var i = 0; i < count; i++)
        {
            var a = i < _parts.Length ? _parts[i] : "0";
            var b = i < other._parts.Length ? other._parts[i] : "0";
            var byLength = a.Length.CompareTo(b.Length);
            if (byLength != 0)
                return byLength;
            var byDigits = string.CompareOrdinal(a, b);
            if (byDigits != 0)
                return Math.Sign(byDigits);
        }
        return 0;
    }

    public bool Equals(MigrationVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is MigrationVersion other && Equals(other);

    public override int GetHashCode()
    {
        var significant = _parts.Length;
        while (significant > 1 && _parts[significant - 1] == "0")
            significant--;
        var hash = new HashCode();
        for (var i = 0; i < significant; i++)
            hash.Add(_parts[i], StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public override string ToString() => Text;

    public static bool operator <(MigrationVersion a, MigrationVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(MigrationVersion a, MigrationVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(MigrationVersion a, MigrationVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(MigrationVersion a, MigrationVersion b) => a.CompareTo(b) >= 0;
    public static bool operator ==(MigrationVersion? a, MigrationVersion? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(MigrationVersion? a, MigrationVersion? b) => !(a == b);
}
