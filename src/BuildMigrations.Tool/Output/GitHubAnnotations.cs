using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Tool.Output;

/// <summary>
/// GitHub Actions workflow commands (<c>::warning file=...,line=...::message</c>): the runner turns them into
/// annotations on the pull request's changed lines.
/// </summary>
internal static class GitHubAnnotations
{
    /// <summary>True inside a GitHub Actions job (the runner sets GITHUB_ACTIONS=true).</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true";

    /// <summary>The workflow command for <paramref name="diagnostic"/>.</summary>
    public static string For(Diagnostic diagnostic)
    {
        var command = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "notice",
        };
        var properties = new List<string>();
        if (diagnostic.File is not null)
            properties.Add($"file={Property(RepositoryPath(diagnostic.File))}");
        if (diagnostic.Line > 0)
            properties.Add($"line={diagnostic.Line},col={Math.Max(diagnostic.Column, 1)}");
        properties.Add($"title={Property(diagnostic.Code)}");
        return $"::{command} {string.Join(',', properties)}::{Data($"{diagnostic.Code}: {diagnostic.Message}")}";
    }

    // Annotations attach to files by their path in the repository, which is checked out at GITHUB_WORKSPACE.
    private static string RepositoryPath(string file)
    {
        var workspace = Environment.GetEnvironmentVariable("GITHUB_WORKSPACE");
        var full = Path.GetFullPath(file);
        var relative = string.IsNullOrEmpty(workspace) ? file : Path.GetRelativePath(workspace, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? file : relative).Replace('\\', '/');
    }

    // The escapes the runner undoes: data may not hold line breaks; properties not ':' or ',' either.
    private static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
}
