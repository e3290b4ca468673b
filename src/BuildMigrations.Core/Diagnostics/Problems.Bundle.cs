namespace BuildMigrations.Core.Diagnostics;

/// <summary>BM3xxx: reading, verifying and signing bundles. The tool exits 3 on each of them.</summary>
public static partial class Problems
{
    private const string Rebuild = "rebuild the bundle from its sources";

    public static Diagnostic BundleUnreadable(string bundle, string detail) =>
        Error("BM3001", $"the bundle is not a readable zip file ({detail}); {Rebuild}", bundle);

    public static Diagnostic ManifestMissing(string bundle) =>
        Error("BM3002", $"the bundle has no bundle.json; {Rebuild}", bundle);

    public static Diagnostic ManifestInvalid(string bundle, string detail) =>
        Error("BM3003", $"bundle.json is invalid: {detail}; {Rebuild}", bundle);

    public static Diagnostic UnknownFormatVersion(string bundle, int version, int supported) =>
        Error("BM3004", $"bundle format version {version} is not supported (this tool reads version {supported}); use a newer dotnet-migrate-bundle", bundle);

    public static Diagnostic UnsafeEntryPath(string bundle, string entry) =>
        Error("BM3005", $"the entry '{entry}' has an absolute, '..' or otherwise unsafe path; refusing the bundle", bundle);

    public static Diagnostic BundleTooLarge(string bundle, string what, long limit) =>
        Error("BM3006", $"{what} exceeds the limit of {limit} bytes; refusing the bundle", bundle);

    public static Diagnostic DuplicateEntry(string bundle, string entry) =>
        Error("BM3007", $"the entry '{entry}' appears more than once; refusing the bundle", bundle);

    public static Diagnostic UnlistedEntry(string bundle, string entry) =>
        Error("BM3008", $"the entry '{entry}' is not listed in bundle.json (added after build?); refusing the bundle", bundle);

    public static Diagnostic ListedEntryMissing(string bundle, string entry) =>
        Error("BM3009", $"'{entry}' is listed in bundle.json but missing from the bundle; {Rebuild}", bundle);

    public static Diagnostic EntryHashMismatch(string bundle, string entry, string expected, string actual) =>
        Error("BM3010", $"'{entry}' has SHA-256 {actual} but bundle.json says {expected} (modified after build?); refusing the bundle", bundle);

    public static Diagnostic BundleUnsigned(string bundle) =>
        Error("BM3011", "the bundle is not signed but a trusted key was required; sign it with 'dotnet migrate-bundle sign' or the build's BundleSigningKey", bundle);

    public static Diagnostic SignatureInvalid(string bundle, string keyId) =>
        Error("BM3012", $"the signature by key {keyId} does not match bundle.json (modified after signing?); refusing the bundle", bundle);

    public static Diagnostic SignerNotTrusted(string bundle, string keyId) =>
        Error("BM3013", $"the bundle is signed by key {keyId}, which is not among the trusted keys; pass its public key with --trusted-key", bundle);

    public static Diagnostic SignatureMalformed(string bundle, string detail) =>
        Error("BM3014", $"signature.json is invalid: {detail}; sign the bundle again", bundle);

    public static Diagnostic BundleMissing(string bundle) =>
        Error("BM3015", Directory.Exists(bundle)
            ? $"'{bundle}' is a folder, not a bundle; pass the .mbundle file (build one from a migrations folder with 'dotnet migrate-bundle build')"
            : $"the bundle '{bundle}' does not exist; check the path", bundle);
}
