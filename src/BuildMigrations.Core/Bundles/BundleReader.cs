using System.IO.Compression;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Core.Bundles;

/// <summary>
/// Reads a bundle and refuses anything that is not exactly what was built: unlisted, missing or altered
/// entries, unsafe paths, oversized or duplicate entries, bad JSON, unknown format versions, and signatures
/// that do not match. Every refusal is a <see cref="DiagnosticException"/> with its own code, never a crash.
/// </summary>
public static class BundleReader
{
    /// <summary>Reads the bundle at <paramref name="path"/>.</summary>
    public static LoadedBundle ReadFile(string path, BundleLimits? limits = null)
    {
        limits ??= BundleLimits.Default;
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new DiagnosticException(Problems.BundleMissing(path));
        if (file.Length > limits.MaxBundleBytes)
            throw new DiagnosticException(Problems.BundleTooLarge(path, "the bundle file", limits.MaxBundleBytes));
        return Read(File.ReadAllBytes(path), path, limits);
    }

    /// <summary>Reads a bundle from its bytes; <paramref name="display"/> names it in diagnostics.</summary>
    public static LoadedBundle Read(byte[] bytes, string display, BundleLimits? limits = null)
    {
        limits ??= BundleLimits.Default;
        if (bytes.Length > limits.MaxBundleBytes)
            throw new DiagnosticException(Problems.BundleTooLarge(display, "the bundle file", limits.MaxBundleBytes));
        Dictionary<string, byte[]> entries;
        try
        {
            entries = ReadEntries(bytes, display, limits);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new DiagnosticException(Problems.BundleUnreadable(display, e.Message), e);
        }

        if (!entries.Remove(BundleContent.ManifestPath, out var manifestBytes))
            throw new DiagnosticException(Problems.ManifestMissing(display));
        var manifest = ManifestJson.Read(manifestBytes, display);
        entries.Remove(BundleContent.SignaturePath, out var signatureBytes);

        var scripts = new List<BundleEntry>();
        foreach (var script in manifest.Scripts)
        {
            if (!entries.Remove(script.Path, out var content))
                throw new DiagnosticException(Problems.ListedEntryMissing(display, script.Path));
            var actual = ScriptText.Sha256(content);
            if (actual != script.Sha256)
                throw new DiagnosticException(Problems.EntryHashMismatch(display, script.Path, script.Sha256, actual));
            scripts.Add(new BundleEntry(script.Path, content));
        }
        var unlisted = entries.Keys.Order(StringComparer.Ordinal).FirstOrDefault();
        if (unlisted is not null)
            throw new DiagnosticException(Problems.UnlistedEntry(display, unlisted));

        var signature = signatureBytes is null ? null : BundleSignature.Read(signatureBytes, display);
        if (signature is not null && !signature.Matches(manifestBytes))
            throw new DiagnosticException(Problems.SignatureInvalid(display, signature.KeyId));
        return new LoadedBundle(manifest, new BundleContent(manifestBytes, scripts, signatureBytes), signature);
    }

    private static Dictionary<string, byte[]> ReadEntries(byte[] bytes, string display, BundleLimits limits)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        var entries = zip.Entries;
        if (entries.Count > limits.MaxEntries)
            throw new DiagnosticException(Problems.BundleTooLarge(display, $"the number of entries ({entries.Count})", limits.MaxEntries));

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long declaredTotal = 0;
        foreach (var entry in entries)
        {
            if (!EntryPaths.IsSafe(entry.FullName))
                throw new DiagnosticException(Problems.UnsafeEntryPath(display, entry.FullName));
            if (!seen.Add(entry.FullName))
                throw new DiagnosticException(Problems.DuplicateEntry(display, entry.FullName));
            if (entry.Length > limits.MaxEntryBytes || entry.Length < 0)
                throw new DiagnosticException(Problems.BundleTooLarge(display, $"the entry '{entry.FullName}'", limits.MaxEntryBytes));
            declaredTotal += entry.Length;
            if (declaredTotal > limits.MaxTotalBytes)
                throw new DiagnosticException(Problems.BundleTooLarge(display, "the bundle's uncompressed content", limits.MaxTotalBytes));
        }

        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in entries)
            contents[entry.FullName] = ReadBounded(entry, display);
        return contents;
    }

    /// <summary>Reads exactly the declared size; an entry that inflates beyond it (a zip bomb) is refused.</summary>
    private static byte[] ReadBounded(ZipArchiveEntry entry, string display)
    {
        var content = new byte[entry.Length];
        using var stream = entry.Open();
        stream.ReadExactly(content);
        if (stream.ReadByte() != -1)
            throw new DiagnosticException(Problems.BundleTooLarge(display, $"the entry '{entry.FullName}' (larger than declared)", entry.Length));
        return content;
    }
}
