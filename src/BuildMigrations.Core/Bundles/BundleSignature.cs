using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Core.Bundles;

/// <summary>
/// signature.json: an ECDSA P-256 signature over the SHA-256 of bundle.json, with the signer's public key and
/// key id, so any reader can check the signature matches, and a deployer can require a trusted key id.
/// </summary>
public sealed record BundleSignature(string KeyId, byte[] PublicKey, byte[] Signature)
{
    public const string Algorithm = "ECDSA-P256-SHA256";

    /// <summary>Signs <paramref name="manifest"/> (the bytes of bundle.json).</summary>
    public static BundleSignature Create(byte[] manifest, SigningKey key) =>
        new(key.KeyId, key.SubjectPublicKeyInfo, key.SignHash(SHA256.HashData(manifest)));

    /// <summary>True when the key id is the public key's and the signature is the key's over <paramref name="manifest"/>.</summary>
    public bool Matches(byte[] manifest)
    {
        if (KeyPem.KeyId(PublicKey) != KeyId)
            return false;
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(PublicKey, out _);
            return key.VerifyHash(SHA256.HashData(manifest), Signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", 1);
            json.WriteString("algorithm", Algorithm);
            json.WriteString("keyId", KeyId);
            json.WriteString("publicKey", Convert.ToBase64String(PublicKey));
            json.WriteString("signature", Convert.ToBase64String(Signature));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n");
    }

    /// <summary>Parses signature.json; throws BM3014 when it is not one.</summary>
    public static BundleSignature Read(byte[] bytes, string bundle)
    {
        DiagnosticException Invalid(string detail) => new(Problems.SignatureMalformed(bundle, detail));
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 4 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid("not an object");
            string Text(string name) =>
                root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid($"'{name}' is missing");
            if (Text("algorithm") != Algorithm)
                throw Invalid($"unsupported algorithm '{Text("algorithm")}' (expected {Algorithm})");
            return new BundleSignature(Text("keyId"), Convert.FromBase64String(Text("publicKey")), Convert.FromBase64String(Text("signature")));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Invalid(e.Message);
        }
    }
}
