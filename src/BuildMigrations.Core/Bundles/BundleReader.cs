using System.IO.Compression;
using System.Security.Cryptography;
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
        var (manifestBytes, manifest, entries) = Unreadable(display, () => ReadEntries(bytes, display, limits));
        entries.Remove(BundleContent.SignaturePath, out var signatureEntry);

        var scripts = new List<BundleEntry>();
        foreach (var script in manifest.Scripts)
        {
            if (!entries.Remove(script.Path, out var entry))
                throw new DiagnosticException(Problems.ListedEntryMissing(display, script.Path));
            if (!IsHexOf(script.Sha256, entry.Sha256))
                throw new DiagnosticException(Problems.EntryHashMismatch(display, script.Path, script.Sha256, Sources.ScriptText.Hex(entry.Sha256)));
            scripts.Add(new BundleEntry(script.Path, entry.Content));
        }
        var unlisted = entries.Keys.Order(StringComparer.Ordinal).FirstOrDefault();
        if (unlisted is not null)
            throw new DiagnosticException(Problems.UnlistedEntry(display, unlisted));

        var signatureBytes = signatureEntry?.Content;
        var signature = signatureBytes is null ? null : BundleSignature.Read(signatureBytes, display);
        if (signature is not null && !signature.Matches(manifestBytes))
            throw new DiagnosticException(Problems.SignatureInvalid(display, signature.KeyId));
        return new LoadedBundle(manifest, new BundleContent(manifestBytes, scripts, signatureBytes), signature);
    }

    private static T Unreadable<T>(string display, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new DiagnosticException(Problems.BundleUnreadable(display, e.Message), e);
        }
    }

    /// <summary>An entry's bytes and their SHA-256.</summary>
    private sealed record ReadEntry(byte[] Content, byte[] Sha256);

    /// <summary>
    /// Whether <paramref name="hex"/> (the manifest's lower-case hex, checked when it was read) spells <paramref name="hash"/>:
    /// compared in place, as formatting thousands of hashes as strings was a noticeable part of reading a bundle.
    /// </summary>
    private static bool IsHexOf(string hex, byte[] hash)
    {
        if (hex.Length != hash.Length * 2)
            return false;
        const string Digits = "0123456789abcdef";
        for (var i = 0; i < hash.Length; i++)
        {
            if (hex[2 * i] != Digits[hash[i] >> 4] || hex[2 * i + 1] != Digits[hash[i] & 0xF])
                return false;
        }
        return true;
    }

    /// <summary>bundle.json as read and parsed, and every other entry by path.</summary>
    private sealed record EntriesRead(byte[] ManifestBytes, BundleManifest Manifest, Dictionary<string, ReadEntry> Entries);

    /// <summary>
    /// Checks every entry's name and size, then reads and hashes the scripts while another thread parses bundle.json:
    /// a deploy verifies thousands of entries before it may connect, so this is a large part of its start-up.
    /// </summary>
    private static EntriesRead ReadEntries(byte[] bytes, string display, BundleLimits limits)
    {
        // Loading the platform's crypto library (OpenSSL on Linux) takes milliseconds: it loads while the zip's
        // directory is read. Waited for on every way out, so a refusal never exits the process during the load.
        var cryptoLoading = Task.Run(() => SHA256.HashData(Array.Empty<byte>()));
        try
        {
            return ReadAndHashEntries(bytes, display, limits);
        }
        finally
        {
            // No usable crypto library is the hashing's to report, or a refusal came first.
            FinishQuietly(cryptoLoading);
        }
    }

    private static EntriesRead ReadAndHashEntries(byte[] bytes, string display, BundleLimits limits)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        var entries = zip.Entries;
        if (entries.Count > limits.MaxEntries)
            throw new DiagnosticException(Problems.BundleTooLarge(display, $"the number of entries ({entries.Count})", limits.MaxEntries));

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long declaredTotal = 0;
        var manifestIndex = -1;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!EntryPaths.IsSafe(entry.FullName))
                throw new DiagnosticException(Problems.UnsafeEntryPath(display, entry.FullName));
            if (!seen.Add(entry.FullName))
                throw new DiagnosticException(Problems.DuplicateEntry(display, entry.FullName));
            if (entry.Length > limits.MaxEntryBytes || entry.Length < 0)
                throw new DiagnosticException(Problems.BundleTooLarge(display, $"the entry '{entry.FullName}'", limits.MaxEntryBytes));
            declaredTotal += entry.Length;
            if (declaredTotal > limits.MaxTotalBytes)
                throw new DiagnosticException(Problems.BundleTooLarge(display, "the bundle's uncompressed content", limits.MaxTotalBytes));
            if (entry.FullName == BundleContent.ManifestPath)
                manifestIndex = i;
        }
        if (manifestIndex < 0)
            throw new DiagnosticException(Problems.ManifestMissing(display));

        var manifestBytes = ReadBounded(entries[manifestIndex], display);
        var parsing = Task.Run(() => ManifestJson.Read(manifestBytes, display));
        var read = new Dictionary<string, ReadEntry>(entries.Count, StringComparer.Ordinal);
        try
        {
            // One hashing context for all entries: a one-shot hash sets up and tears down its own every time.
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (var i = 0; i < entries.Count; i++)
            {
                if (i == manifestIndex)
                    continue;
                var content = ReadBounded(entries[i], display);
                sha256.AppendData(content);
                read[entries[i].FullName] = new ReadEntry(content, sha256.GetHashAndReset());
            }
        }
        catch
        {
            // The entry's refusal comes first; the parse is finished, its outcome dropped, before it leaves.
            FinishQuietly(parsing);
            throw;
        }
        return new EntriesRead(manifestBytes, parsing.GetAwaiter().GetResult(), read);
    }

    /// <summary>Waits for work started beside the reading, whose outcome no longer matters: nothing outlives a read.</summary>
    private static void FinishQuietly(Task task)
    {
        try
        {
            task.Wait();
        }
        catch (AggregateException)
        {
        }
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
