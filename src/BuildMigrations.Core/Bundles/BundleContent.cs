namespace BuildMigrations.Core.Bundles;

/// <summary>A file inside a bundle.</summary>
public sealed record BundleEntry(string Path, byte[] Content);

/// <summary>The bytes of a bundle's parts, in the order they are written.</summary>
/// <param name="Manifest">bundle.json, exactly as signed.</param>
/// <param name="Scripts">The scripts, in manifest order.</param>
/// <param name="Signature">signature.json, when signed.</param>
public sealed record BundleContent(byte[] Manifest, IReadOnlyList<BundleEntry> Scripts, byte[]? Signature)
{
    public const string ManifestPath = "bundle.json";
    public const string SignaturePath = "signature.json";
}
