namespace BuildMigrations.Core.Bundles;

/// <summary>Which zip entry names are safe to accept: relative, '/'-separated, no '..', nothing odd.</summary>
public static class EntryPaths
{
    public static bool IsSafe(string path)
    {
        if (path.Length == 0 || path.Length > 512 || path[0] == '/' || path.Contains('\\') || path.Contains(':'))
            return false;
        if (path.Any(c => char.IsControl(c)))
            return false;
        return path.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");
    }
}
