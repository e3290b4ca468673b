using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Core.Tests;

public sealed class BundleCompilerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bm-compile-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Migrations => Path.Combine(_root, "migrations");

    private string SumPath => Path.Combine(Migrations, "migrations.sum");

    private string BundlePath => Path.Combine(_root, "out", "a.mbundle");

    private BundleCompilationResult Compile(SumPolicy policy, params string[] noWarn) =>
        BundleCompiler.Compile(new BundleCompilation(Migrations, new MigrationFolderOptions(NoWarn: noWarn),
            new BundleIdentity("Demo", "1.0.0", "postgresql"), BundlePath, policy));

    public BundleCompilerTests()
    {
        Directory.CreateDirectory(Migrations);
        foreach (var (name, text) in Folder.TwoMigrations)
            File.WriteAllText(Path.Combine(Migrations, name), text);
    }

    [Fact]
    public void Maintain_writes_the_sum_and_the_bundle()
    {
        var result = Compile(SumPolicy.Maintain);
        Assert.True(result.Succeeded);
        Assert.True(result.SumWritten);
        Assert.Equal((Path.GetFullPath(BundlePath), 2), (result.Bundle, result.Migrations));
        Assert.True(File.Exists(SumPath));
        Assert.Equal(["0001_create_customers", "0002_add_orders"], BundleReader.ReadFile(BundlePath).Manifest.Migrations.Select(m => m.Name));
    }

    [Fact]
    public void Enforce_refuses_a_missing_sum_and_writes_nothing()
    {
        var result = Compile(SumPolicy.Enforce);
        Assert.False(result.Succeeded);
        Assert.Equal(["BM2001"], result.Diagnostics.Select(d => d.Code));
        Assert.False(File.Exists(SumPath));
        Assert.False(File.Exists(BundlePath));
    }

    [Fact]
    public void EnforceIfPresent_builds_without_a_sum_and_never_writes_one()
    {
        Assert.True(Compile(SumPolicy.EnforceIfPresent).Succeeded);
        Assert.False(File.Exists(SumPath));

        Assert.True(Compile(SumPolicy.Maintain).Succeeded);
        File.AppendAllText(Path.Combine(Migrations, "0001_create_customers.up.sql"), "-- edited\n");
        var stale = Compile(SumPolicy.EnforceIfPresent);
        Assert.False(stale.Succeeded);
        Assert.Equal(["BM2003"], stale.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void NoWarn_silences_sum_warnings_like_any_other()
    {
        Assert.True(Compile(SumPolicy.Maintain).Succeeded);
        File.AppendAllText(Path.Combine(Migrations, "0001_create_customers.up.sql"), "-- edited\n");
        Assert.Equal(["BM2003"], Compile(SumPolicy.Maintain).Diagnostics.Select(d => d.Code));
        File.AppendAllText(Path.Combine(Migrations, "0001_create_customers.up.sql"), "-- edited again\n");
        var silenced = Compile(SumPolicy.Maintain, "BM2003");
        Assert.True(silenced.Succeeded);
        Assert.Empty(silenced.Diagnostics);
    }

    [Fact]
    public void A_folder_error_writes_neither_sum_nor_bundle()
    {
        File.Delete(Path.Combine(Migrations, "0002_add_orders.down.sql"));
        var result = Compile(SumPolicy.Maintain);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Code == "BM1003");
        Assert.False(File.Exists(SumPath));
        Assert.False(File.Exists(BundlePath));
    }
}
