using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace BuildMigrations.Core.Tests;

/// <summary>Facts about the repository that reviews tend to miss.</summary>
public class RepositoryFactsTests
{
    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BuildMigrations.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("not run from inside the repository");
    }

    [Fact]
    public void Every_diagnostic_code_in_the_sources_is_documented()
    {
        var root = Root();
        var documented = File.ReadAllText(Path.Combine(root, "docs", "diagnostics.md"));
        var codes = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "\"(BM[0-9]{4})\"").Select(m => m.Groups[1].Value))
            .Distinct()
            .Order()
            .ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Contains($"### {code} ", documented));
    }

    [Fact]
    public void Core_references_no_packages()
    {
        var project = XDocument.Load(Path.Combine(Root(), "src", "BuildMigrations.Core", "BuildMigrations.Core.csproj"));
        Assert.Empty(project.Descendants("PackageReference"));
        Assert.Empty(project.Descendants("ProjectReference"));
    }
}
