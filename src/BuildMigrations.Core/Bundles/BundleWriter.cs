using BuildMigrations.Core.Diagnostics;
using System.IO.Compression;

namespace BuildMigrations.Core.Bundles;

/// <summary>
/// Writes a bundle zip reproducibly: fixed entry order (bundle.json, scripts, signature.json), fixed
/// timestamps and attributes, so the same content gives the same bytes on the same platform.
/// </summary>
public static class BundleWriter
{
    // The earliest time a zip (DOS) timestamp can hold; any fixed value would do.
    private static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Regular file, rw-r--r--, in the upper 16 bits as Unix zip tools expect.
    private const int RegularFileAttributes = unchecked((int)0x81A40000);

    public static void Write(BundleContent content, Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, BundleContent.ManifestPath, content.Manifest);
        foreach (var script in content.Scripts)
            Add(zip, script.Path, script.Content);
        if (content.Signature is not null)
            Add(zip, BundleContent.SignaturePath, content.Signature);
    }

    public static byte[] ToBytes(BundleContent content)
    {
        using var buffer = new MemoryStream();
        Write(content, buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes to <paramref name="path"/> through a temporary file, so a reader never sees half a bundle.</summary>
    /// <remarks>A path that cannot be written is BM4009, and no temporary file stays behind.</remarks>
    public static void WriteFile(BundleContent content, string path) => FileWrites.Run(() =>
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllBytes(temporary, ToBytes(content));
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary); // a full disk, or the path is a folder: no half-written file stays behind
            throw;
        }
    });

    // Entries up to this size are stored, not deflated: deflating a small script saves little, and inflating
    // thousands of them (a deploy verifies every entry before it connects) cost more than everything else a
    // no-op deploy does. Stored bytes are also the same on every platform, whatever its zlib.
    private const int StoredUpToBytes = 4096;

    private static void Add(ZipArchive zip, string path, byte[] bytes)
    {
        var entry = zip.CreateEntry(path, bytes.Length <= StoredUpToBytes ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
        entry.LastWriteTime = FixedTimestamp;
        entry.ExternalAttributes = RegularFileAttributes;
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
