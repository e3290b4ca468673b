namespace BuildMigrations.Core.Bundles;

/// <summary>A public key whose signatures are accepted (from --trusted-key).</summary>
public sealed record TrustedKey(string KeyId, byte[] SubjectPublicKeyInfo)
{
    /// <summary>From PEM text; a private key PEM works too (its public half is used).</summary>
    public static TrustedKey FromPem(string pem, string source)
    {
        using var key = KeyPem.Import(pem, source);
        var spki = key.ExportSubjectPublicKeyInfo();
        return new TrustedKey(KeyPem.KeyId(spki), spki);
    }

    /// <summary>From a PEM file.</summary>
    public static TrustedKey FromFile(string path) => FromPem(KeyPem.ReadFile(path), path);
}
