namespace BuildMigrations.Core.Bundles;

/// <summary>Adds or replaces a bundle's signature; the rest of the bundle stays byte-identical.</summary>
public static class BundleSigner
{
    public static BundleContent Sign(BundleContent content, SigningKey key) =>
        content with { Signature = BundleSignature.Create(content.Manifest, key).ToJson() };
}
