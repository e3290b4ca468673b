using System.Security.Cryptography;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Core.Bundles;

/// <summary>Loads ECDSA P-256 keys from PEM text and names them by key id.</summary>
public static class KeyPem
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The key in <paramref name="pem"/>; throws BM4001/BM4002. <paramref name="source"/> names it in messages, never its content.</summary>
    public static ECDsa Import(string pem, string source)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException)
        {
            key.Dispose();
            throw new DiagnosticException(Problems.KeyNotEcdsaP256(source));
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw new DiagnosticException(Problems.KeyNotEcdsaP256(source));
        }
        if (key.ExportParameters(includePrivateParameters: false).Curve.Oid?.Value != P256Oid)
        {
            key.Dispose();
            throw new DiagnosticException(Problems.KeyNotEcdsaP256(source));
        }
        return key;
    }

    /// <summary>Reads a PEM file; throws BM4001 when it cannot be read.</summary>
    public static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(Problems.KeyUnreadable(path, e is FileNotFoundException ? "the file does not exist" : e.Message), e);
        }
    }

    /// <summary>Hex SHA-256 of the public key's SubjectPublicKeyInfo.</summary>
    public static string KeyId(byte[] subjectPublicKeyInfo) => ScriptText.Sha256(subjectPublicKeyInfo);
}
