namespace BuildMigrations.Core.Sources;

/// <summary>Engine-neutral facts about SQL text that need no parser.</summary>
public static class SqlText
{
    /// <summary>
    /// True when the text holds nothing but white space, <c>--</c> and <c>/* */</c> comments and
    /// semicolons: a script that would do nothing.
    /// </summary>
    public static bool IsEffectivelyEmpty(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == ';')
            {
                i++;
            }
            else if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else
            {
                return false;
            }
        }
        return true;
    }
}
