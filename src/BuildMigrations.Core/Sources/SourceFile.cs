namespace BuildMigrations.Core.Sources;

/// <summary>A file of a migrations folder: its path relative to the folder ('/' separators) and its bytes.</summary>
public sealed record SourceFile(string RelativePath, byte[] Content)
{
    /// <summary>Reads the top-level files of <paramref name="directory"/> in ordinal name order.</summary>
    public static IReadOnlyList<SourceFile> ReadDirectory(string directory) =>
        Directory.EnumerateFiles(directory)
            .Select(path => new SourceFile(Path.GetFileName(path), File.ReadAllBytes(path)))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
}
