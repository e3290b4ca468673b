using System.Text;

namespace BuildMigrations.Tool.Output;

/// <summary>
/// Writes whole lines to <paramref name="inner"/>, each starting with <paramref name="prefix"/>, so the progress of
/// targets deployed in parallel stays readable (<c>[line 3] applying 0002_orders ...</c>). GitHub Actions workflow
/// commands keep the start of their line, where the runner looks for them.
/// </summary>
internal sealed class PrefixedWriter(TextWriter inner, string prefix) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
                Flush(_line.ToString().TrimEnd('\r'));
            else
                _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "")
            Write(c);
    }

    private void Flush(string line)
    {
        _line.Clear();
        lock (inner)
            inner.WriteLine(line.StartsWith("::", StringComparison.Ordinal) ? line : prefix + line);
    }
}
