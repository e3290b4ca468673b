using System.IO.Compression;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Fuzz;

/// <summary>
/// BundleReader.Read must accept a bundle or refuse it with a BM3xxx diagnostic; nothing else may escape.
/// </summary>
/// <remarks>
/// An input starting with "PK" is read as the bundle's zip bytes. Any other input is bundle.json (and, after
/// a NUL byte, signature.json) packed by the harness with one fixed script: AFL's byte mutations rarely
/// survive deflate and zip checksums, so this second form is what reaches the manifest and signature parsers.
/// </remarks>
internal static class BundleReaderHarness
{
    public const string ScriptPath = "migrations/0001_create_customers.up.sql";
    public static readonly byte[] ScriptContent = "CREATE TABLE customers (id int);\n"u8.ToArray();

    public static string Run(byte[] input)
    {
        var bundle = input.AsSpan().StartsWith("PK"u8) ? input : Pack(input);
        try
        {
            var loaded = BundleReader.Read(bundle, "fuzz.mbundle");
            foreach (var script in loaded.Manifest.Scripts)
                Expect.That(loaded.ScriptText(script) is not null, "every listed script of an accepted bundle can be read");
            return $"accepted ({loaded.Manifest.Migrations.Count} migrations)";
        }
        catch (DiagnosticException e) when (e.Diagnostic.Code.StartsWith("BM3", StringComparison.Ordinal))
        {
            return $"refused {e.Diagnostic.Code}";
        }
    }

    private static byte[] Pack(byte[] input)
    {
        var split = Array.IndexOf(input, (byte)0);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, BundleContent.ManifestPath, split < 0 ? input : input[..split]);
            Add(zip, ScriptPath, ScriptContent);
            if (split >= 0)
                Add(zip, BundleContent.SignaturePath, input[(split + 1)..]);
        }
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string path, byte[] content)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.NoCompression).Open();
        stream.Write(content);
    }
}
