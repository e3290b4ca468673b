using System.Numerics;
using BuildMigrations.Core.Model;
using CsCheck;

namespace BuildMigrations.Core.Tests.Properties;

public class MigrationVersionProperties
{
    // Parts from a small range collide often (so equal versions are tested), with leading zeros and
    // 20+ digit timestamps (beyond a 64-bit integer) mixed in.
    private static readonly Gen<string> Part = Gen.Frequency(
        (4, Gen.Int[0, 12].Select(n => n.ToString())),
        (2, Gen.Int[0, 12].Select(n => "00" + n)),
        (1, Gen.Char['0', '9'].Array[1, 25].Select(digits => new string(digits))));

    private static readonly Gen<string> VersionText = Part.Array[1, 4].Select(parts => string.Join('.', parts));

    private static readonly Gen<MigrationVersion> Version = VersionText.Select(MigrationVersion.Parse);

    /// <summary>The specification: numeric part by part, a missing part counting as zero.</summary>
    private static int Expected(string a, string b)
    {
        var x = a.Split('.').Select(BigInteger.Parse).ToList();
        var y = b.Split('.').Select(BigInteger.Parse).ToList();
        for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
        {
            var order = (i < x.Count ? x[i] : 0).CompareTo(i < y.Count ? y[i] : 0);
            if (order != 0)
                return Math.Sign(order);
        }
        return 0;
    }

    [Fact]
    public void Versions_compare_numerically_part_by_part() =>
        Gen.Select(VersionText, VersionText).Sample((a, b) =>
            Math.Sign(MigrationVersion.Parse(a).CompareTo(MigrationVersion.Parse(b))) == Expected(a, b));

    [Fact]
    public void Comparison_is_a_total_order() =>
        Gen.Select(Version, Version, Version).Sample((a, b, c) =>
            Math.Sign(a.CompareTo(b)) == -Math.Sign(b.CompareTo(a))
            && (a > b || a < b || a == b)
            && (!(a <= b && b <= c) || a <= c));

    [Fact]
    public void Equality_agrees_with_comparison_and_hashing() =>
        Gen.Select(Version, Version).Sample((a, b) =>
            a.Equals(b) == (a.CompareTo(b) == 0)
            && (a == b) == a.Equals(b)
            && (!a.Equals(b) || a.GetHashCode() == b.GetHashCode()));

    [Fact]
    public void Trailing_zero_parts_do_not_change_a_version() =>
        Gen.Select(VersionText, Gen.Int[1, 3]).Sample((text, zeros) =>
            MigrationVersion.Parse(text) == MigrationVersion.Parse(text + string.Concat(Enumerable.Repeat(".0", zeros))));

    [Fact]
    public void Parsing_keeps_the_text_and_sorting_matches_the_specification() =>
        VersionText.Array[0, 12].Sample(texts =>
        {
            var sorted = texts.Select(MigrationVersion.Parse).Order().Select(v => v.Text).ToList();
            Assert.Equal(texts.Order(Comparer<string>.Create(Expected)), sorted, StringComparer.Ordinal);
        });
}
