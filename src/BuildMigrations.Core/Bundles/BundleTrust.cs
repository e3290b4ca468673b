using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Core.Bundles;

/// <summary>Whether a bundle's signer is one the deployer trusts.</summary>
public static class BundleTrust
{
    /// <summary>
    /// With no trusted keys, any bundle passes (its signature, if any, was already checked by the reader).
    /// With trusted keys, the bundle must be signed by one of them: throws BM3011 or BM3013.
    /// </summary>
    public static void Require(LoadedBundle bundle, IReadOnlyCollection<TrustedKey> trusted, string display)
    {
        if (trusted.Count == 0)
            return;
        if (bundle.Signature is null)
            throw new DiagnosticException(Problems.BundleUnsigned(display));
        if (!trusted.Any(k => k.KeyId == bundle.Signature.KeyId))
            throw new DiagnosticException(Problems.SignerNotTrusted(display, bundle.Signature.KeyId));
    }
}
