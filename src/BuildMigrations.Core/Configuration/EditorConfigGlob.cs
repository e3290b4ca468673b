using System.Text;
using System.Text.RegularExpressions;

namespace BuildMigrations.Core.Configuration;

/// <summary>EditorConfig section globs (<c>*</c>, <c>**</c>, <c>?</c>, <c>[abc]</c>, <c>{a,b}</c>) as regular expressions over '/' paths.</summary>
internal static class EditorConfigGlob
{
    public static Regex ToRegex(string glob)
    {
        // A glob without '/' matches a file name in any folder; a leading '/' anchors it at the file's folder.
        var anchored = glob.Contains('/');
        if (glob.StartsWith('/'))
            glob = glob[1..];
        var pattern = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        var braces = 0;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    pattern.Append(".*");
                    i++;
                    break;
                case '*':
                    pattern.Append("[^/]*");
                    break;
                case '?':
                    pattern.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0)
                        goto default;
                    pattern.Append('[').Append(glob[(i + 1)..close].Replace("\\", "\\\\").Replace('!', '^')).Append(']');
                    i = close;
                    break;
                case '{':
                    braces++;
                    pattern.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    pattern.Append(')');
                    break;
                case ',' when braces > 0:
                    pattern.Append('|');
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    }
}
