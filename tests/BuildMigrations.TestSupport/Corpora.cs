namespace BuildMigrations.TestSupport;

/// <summary>
/// The real-world migration corpora in ../shared/corpora beside the repository (read-only). A bare clone has no
/// ../shared: tests that need a corpus use <see cref="CorpusFactAttribute"/> and are reported as skipped there.
/// </summary>
public static class Corpora
{
    /// <summary>The corpus folder, found relative to the repository root (where BuildMigrations.sln is).</summary>
    public static string Path(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "BuildMigrations.sln")))
            directory = directory.Parent;
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(directory?.FullName ?? ".", "..", "shared", "corpora", relative));
    }

    public static bool Exists(string relative) => Directory.Exists(Path(relative));

    /// <summary>The corpus folder; fails when it is missing (only reached from tests that are not skipped).</summary>
    public static string Folder(string relative)
    {
        var path = Path(relative);
        Assert.True(Directory.Exists(path), $"the corpus {path} is missing: the repository must have ../shared beside it");
        return path;
    }

    /// <summary>Copies a corpus folder, so a test may add directives without touching the original.</summary>
    public static void CopyTo(string relative, string destination, Func<string, string, string>? transform = null)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(Folder(relative), "*.sql"))
        {
            var text = File.ReadAllText(file);
            File.WriteAllText(System.IO.Path.Combine(destination, System.IO.Path.GetFileName(file)), transform?.Invoke(System.IO.Path.GetFileName(file), text) ?? text);
        }
    }
}
