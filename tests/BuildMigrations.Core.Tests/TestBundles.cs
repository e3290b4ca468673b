using System.IO.Compression;
using BuildMigrations.Core.Bundles;

namespace BuildMigrations.Core.Tests;

/// <summary>Valid and deliberately broken bundles.</summary>
internal static class TestBundles
{
    public static BundleContent Content(params (string, string)[] files) =>
        BundleBuilder.Build(Folder.Parse(files.Length == 0 ? Folder.TwoMigrations : files).Migrations, new BundleIdentity("Demo", "1.0.0", "postgresql"));

    public static byte[] Valid() => BundleWriter.ToBytes(Content());

    /// <summary>A zip with exactly these entries, in this order (names unchecked, duplicates allowed).</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The entries of a valid bundle, to rearrange into broken ones.</summary>
    public static List<(string Name, byte[] Content)> Entries(byte[] bundle)
    {
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        return zip.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        }).ToList();
    }

    /// <summary>Overwrites the uncompressed-size field of every local and central header (a lying zip).</summary>
    public static byte[] WithDeclaredSize(byte[] zip, uint size)
    {
        var bytes = zip.ToArray();
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            var signature = BitConverter.ToUInt32(bytes, i);
            if (signature == 0x04034b50 && i + 26 <= bytes.Length)
                BitConverter.GetBytes(size).CopyTo(bytes, i + 22);
            else if (signature == 0x02014b50 && i + 28 <= bytes.Length)
                BitConverter.GetBytes(size).CopyTo(bytes, i + 24);
        }
        return bytes;
    }
}
