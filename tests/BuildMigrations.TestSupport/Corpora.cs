namespace BuildMigrations.TestSupport;

/// <summary>
/// The real-world migration corpora in ../shared/corpora beside the repository (read-only). A bare clone has no
/// ../shared: tests that need a corpus use <see cref="CorpusFactAttribute"/> and are reported as skipped there.
/// </summary>
public static class Corpora
{
    /// <summary>
    /// The repository root (where BuildMigrations.sln is), found from the test binaries: source paths are mapped
    /// to /_/ in CI builds, so [CallerFilePath] cannot be used for this.
    /// </summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "BuildMigrations.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"no BuildMigrations.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The corpus folder, relative to the repository root.</summary>
    public static string Path(string relative) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot(), "..", "shared", "corpora", relative));

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
