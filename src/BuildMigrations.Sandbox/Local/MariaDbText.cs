namespace BuildMigrations.Sandbox.Local;

/// <summary>Formatting helpers that keep exception messages short but useful.</summary>
internal static class MariaDbText
{
    private const int MaxChars = 4000;

    /// <summary>A titled block for an exception message, or nothing when the text is empty.</summary>
    public static string Section(string title, string? text)
    {
        var trimmed = Tail(text ?? "").Trim();
        return trimmed.Length == 0 ? "" : $"{Environment.NewLine}--- {title} ---{Environment.NewLine}{trimmed}";
    }

    /// <summary>The end of a long text: the last lines are where servers report why they stopped.</summary>
    public static string Tail(string text) =>
        text.Length <= MaxChars ? text : "..." + text[^MaxChars..];
}
