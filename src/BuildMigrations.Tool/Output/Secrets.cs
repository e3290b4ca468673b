namespace BuildMigrations.Tool.Output;

/// <summary>
/// The passwords of the connections this run opened. Nothing the tool writes itself contains them (connections are
/// shown without their password); only texts that come from drivers and servers (connection and statement errors)
/// might echo one, so those, and only those, are scrubbed before they are reported. Plain output is never
/// post-edited: with a password like <c>app</c>, "applied" stays "applied".
/// </summary>
internal static class Secrets
{
    private static readonly List<string> Known = [];

    public static void Add(IEnumerable<string> secrets)
    {
        lock (Known)
        {
            Known.AddRange(secrets.Where(s => s.Length > 0 && !Known.Contains(s)));
            Known.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    /// <summary>A driver's or server's text with every known password replaced by <c>***</c>.</summary>
    public static string Scrub(string text)
    {
        lock (Known)
        {
            foreach (var secret in Known)
                text = text.Replace(secret, "***", StringComparison.Ordinal);
        }
        return text;
    }
}
