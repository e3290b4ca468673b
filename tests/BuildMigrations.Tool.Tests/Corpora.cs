namespace BuildMigrations.Tool.Tests;

/// <summary>The real-world migration corpora in ../shared/corpora beside the repository (read-only).</summary>
public static class Corpora
{
    public static string Folder(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BuildMigrations.sln")))
            directory = directory.Parent;
        var path = Path.GetFullPath(Path.Combine(directory?.FullName ?? ".", "..", "shared", "corpora", relative));
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
            File.WriteAllText(Path.Combine(destination, Path.GetFileName(file)), transform?.Invoke(Path.GetFileName(file), text) ?? text);
        }
    }
}
