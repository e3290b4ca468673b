using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Core.Fleets;

/// <summary>
/// <c>--shard I/N</c>: one of N stable shares of a fleet. Each target belongs to the shard its line's SHA-256 picks
/// (modulo N), never to a position, so adding or removing a line moves no other target between shards. I counts
/// modulo N, so 1-based numbering (CI matrices: 1/2, 2/2) and 0-based numbering (Kubernetes indexed Jobs: 0/2,
/// 1/2) both select every shard exactly once: 0/N and N/N are the same shard.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole fleet.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>Parses <c>I/N</c>; throws BM4007 unless N &gt;= 1 and 0 &lt;= I &lt;= N.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new DiagnosticException(Problems.InvalidShard(text, "is not two whole numbers I/N"));
        if (count < 1)
            throw new DiagnosticException(Problems.InvalidShard(text, "has no shards (N is 0)"));
        if (index > count)
            throw new DiagnosticException(Problems.InvalidShard(text, $"names shard {index} of only {count}"));
        return new Shard(index, count);
    }

    /// <summary>True when <paramref name="target"/> is in this shard.</summary>
    public bool Contains(FleetTarget target) => Of(target.Connection, Count) == Index % Count;

    /// <summary>The 0-based shard of a targets-file line among <paramref name="count"/>.</summary>
    public static int Of(string line, int count)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(line.Trim()));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count);
    }

    public override string ToString() => $"{Index}/{Count}";
}
