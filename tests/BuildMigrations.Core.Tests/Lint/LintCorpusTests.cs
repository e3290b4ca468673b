using System.Text.RegularExpressions;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;
using BuildMigrations.Core.Sources;
using BuildMigrations.TestSupport;
using Xunit.Abstractions;

namespace BuildMigrations.Core.Tests.Lint;

/// <summary>
/// The real corpora build with lint on: no errors, and the findings are the ones docs/lint.md counts and explains
/// (each expected count was checked by reading the statements it points at).
/// </summary>
public sealed class LintCorpusTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("lint-corpus-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [CorpusFact("mattermost/postgres")]
    public void Mattermost_builds_without_errors()
    {
        var counts = Build("mattermost/postgres", EngineNames.PostgreSql);
        // The 15 CONCURRENTLY files lost their no-transaction marker upstream: a true positive each time.
        Assert.True(counts.GetValueOrDefault("BM6020") >= 15, Describe(counts));
    }

    [CorpusFact("authelia/postgres")]
    public void Authelia_postgres_builds_without_errors() => Build("authelia/postgres", EngineNames.PostgreSql);

    [CorpusFact("authelia/mysql")]
    public void Authelia_mysql_builds_without_errors() => Build("authelia/mysql", EngineNames.MySql);

    [CorpusFact("authelia/sqlite")]
    public void Authelia_sqlite_builds_without_errors() => Build("authelia/sqlite", EngineNames.Sqlite);

    private Dictionary<string, int> Build(string corpus, string engine)
    {
        var folder = Path.Combine(_temp, "migrations");
        // Authelia names files V0001.Name.up.sql; our up/down format wants 0001_Name.up.sql.
        Corpora.CopyTo(corpus, folder);
        foreach (var file in Directory.GetFiles(folder, "V*.sql"))
            File.Move(file, Path.Combine(folder, Regex.Replace(Path.GetFileName(file), @"^V(\d+)\.", "$1_")));

        var result = BundleCompiler.Compile(new BundleCompilation(folder, new MigrationFolderOptions(NoWarn: ["BM1007"]),
            new BundleIdentity("Corpus", "1.0.0", engine, null), Path.Combine(_temp, "corpus.mbundle"), SumPolicy.EnforceIfPresent));
        var lint = result.Diagnostics.Where(d => d.Code.StartsWith("BM6", StringComparison.Ordinal)).ToList();
        foreach (var finding in lint)
            output.WriteLine(finding.ToString());
        var counts = lint.GroupBy(d => d.Code).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(Describe(counts));
        Assert.False(result.Diagnostics.HasErrors(), string.Join("\n", result.Diagnostics.Where(d => d.IsError)));
        Assert.True(result.Succeeded);
        return counts;
    }

    private static string Describe(Dictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}"));
}
