namespace BuildMigrations.Core.Bundles;

/// <summary>Which zip entry names are safe to accept: relative, '/'-separated, no '..', nothing odd.</summary>
public static class EntryPaths
{
    public static bool IsSafe(string path)
    {
        if (path.Length == 0 || path.Length > 512 || path[0] == '/' || path.AsSpan().ContainsAny('\\', ':'))
            return false;
        foreach (var c in path)
        {
            if (char.IsControl(c))
                return false;
        }
        // Checked segment by segment without splitting: a bundle has thousands of entries and every deploy reads them.
        var rest = path.AsSpan();
        while (true)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            if (segment.Length == 0 || segment is "." or "..")
                return false;
            if (slash < 0)
                return true;
            rest = rest[(slash + 1)..];
        }
    }
}
