using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Core.Tests.Lint;

/// <summary>Lint inside the one build pipeline: project NoWarn, WarningsAsErrors, and nothing written on a lint error.</summary>
public sealed class BuildLintTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("build-lint-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Migrations() => Folder.OnDisk(_root,
        ("0001_orders.up.sql", "CREATE TABLE orders (id int);\n"),
        ("0001_orders.down.sql", "DROP TABLE orders;\n"),
        ("0002_index.up.sql", "CREATE INDEX orders_id ON orders (id);\nTRUNCATE orders;\n"),
        ("0002_index.down.sql", "DROP INDEX orders_id;\n"));

    private BundleCompilationResult Compile(IReadOnlyCollection<string>? noWarn = null, IReadOnlyCollection<string>? asErrors = null) =>
        BundleCompiler.Compile(new BundleCompilation(Migrations(), new MigrationFolderOptions(NoWarn: noWarn),
            new BundleIdentity("Shop", "1.0.0", EngineNames.PostgreSql, null), Path.Combine(_root, "shop.mbundle"), SumPolicy.Maintain,
            WarningsAsErrors: asErrors));

    [Fact]
    public void Findings_are_warnings_in_reading_order_and_the_bundle_is_written()
    {
        var result = Compile();
        Assert.Equal([("BM6013", 1), ("BM6004", 2)], result.Diagnostics.Select(d => (d.Code, d.Line)));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Project_NoWarn_silences_a_lint_code()
    {
        Assert.Equal(["BM6004"], Compile(noWarn: ["BM6013"]).Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void WarningsAsErrors_fails_the_build_and_writes_nothing()
    {
        var result = Compile(asErrors: ["BM6004"]);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d is { Code: "BM6004", Severity: DiagnosticSeverity.Error });
        Assert.False(File.Exists(Path.Combine(_root, "shop.mbundle")));
        Assert.False(File.Exists(Path.Combine(_root, "migrations", "migrations.sum")));
    }
}
