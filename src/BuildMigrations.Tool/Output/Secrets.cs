using System.Text;

namespace BuildMigrations.Tool.Output;

/// <summary>Texts that must never be printed (passwords); every output stream of the tool masks them.</summary>
internal static class Secrets
{
    private static readonly List<string> Known = [];

    public static void Add(IEnumerable<string> secrets)
    {
        lock (Known)
        {
            // Very short secrets would mask ordinary words; a password that short is not worth leaking either way.
            Known.AddRange(secrets.Where(s => s.Length >= 3 && !Known.Contains(s)));
            Known.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    public static string Mask(string text)
    {
        lock (Known)
        {
            foreach (var secret in Known)
                text = text.Replace(secret, "***", StringComparison.Ordinal);
        }
        return text;
    }
}

/// <summary>A writer that masks <see cref="Secrets"/>; buffers each line so a secret split across writes is still caught.</summary>
internal sealed class RedactingWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        _line.Append(value);
        if (value == '\n')
            Flush();
    }

    public override void Write(string? value)
    {
        if (value is null)
            return;
        _line.Append(value);
        if (value.Contains('\n'))
            Flush();
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            inner.Write(Secrets.Mask(_line.ToString()));
            _line.Clear();
        }
        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        Flush();
        base.Dispose(disposing);
    }
}
