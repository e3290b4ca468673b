using System.Security.Cryptography;

namespace BuildMigrations.Core.Bundles;

/// <summary>A private ECDSA P-256 key that signs bundles.</summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa _key;

    private SigningKey(ECDsa key)
    {
        _key = key;
        SubjectPublicKeyInfo = key.ExportSubjectPublicKeyInfo();
        KeyId = KeyPem.KeyId(SubjectPublicKeyInfo);
    }

    /// <summary>Hex SHA-256 of the public key's SubjectPublicKeyInfo.</summary>
    public string KeyId { get; }

    /// <summary>The public key, DER.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>A new random key.</summary>
    public static SigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The key in PEM text (PKCS#8 or SEC1); <paramref name="source"/> names it in errors.</summary>
    public static SigningKey FromPem(string pem, string source)
    {
        var key = KeyPem.Import(pem, source);
        try
        {
            key.ExportParameters(includePrivateParameters: true);
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw new Diagnostics.DiagnosticException(Diagnostics.Problems.KeyUnreadable(source, "it holds no private key"));
        }
        return new SigningKey(key);
    }

    /// <summary>The key in a PEM file.</summary>
    public static SigningKey FromFile(string path) => FromPem(KeyPem.ReadFile(path), path);

    /// <summary>PKCS#8 PEM of the private key.</summary>
    public string ExportPrivatePem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>SubjectPublicKeyInfo PEM of the public key.</summary>
    public string ExportPublicPem() => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>IEEE P1363 (r‖s) signature over a SHA-256 digest.</summary>
    public byte[] SignHash(byte[] sha256) => _key.SignHash(sha256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => _key.Dispose();
}
