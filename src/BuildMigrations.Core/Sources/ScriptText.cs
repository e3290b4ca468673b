using System.Security.Cryptography;
using System.Text;

namespace BuildMigrations.Core.Sources;

/// <summary>
/// Turns script bytes into the text that is checksummed and bundled: strict UTF-8, BOM removed,
/// CRLF and CR turned into LF, so a Windows and a Linux checkout give the same checksum.
/// </summary>
public static class ScriptText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The normalized text, or null with the 1-based line of the first invalid byte.</summary>
    public static string? TryDecode(byte[] content, out int invalidLine)
    {
        invalidLine = 0;
        var start = content.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        try
        {
            return NormalizeLineEndings(StrictUtf8.GetString(content, start, content.Length - start));
        }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(e.Index, 0);
            invalidLine = 1 + content.AsSpan(0, Math.Min(offset, content.Length)).Count((byte)'\n');
            return null;
        }
    }

    /// <summary>CRLF and lone CR become LF.</summary>
    public static string NormalizeLineEndings(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;

    /// <summary>Lower-case hex SHA-256 of the text's UTF-8 bytes.</summary>
    public static string Sha256(string normalizedText) => Hex(SHA256.HashData(StrictUtf8.GetBytes(normalizedText)));

    /// <summary>Lower-case hex SHA-256 of bytes.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Hex(SHA256.HashData(bytes));

    /// <summary>Lower-case hex.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>UTF-8 bytes of a normalized script, without BOM.</summary>
    public static byte[] Bytes(string normalizedText) => StrictUtf8.GetBytes(normalizedText);
}
