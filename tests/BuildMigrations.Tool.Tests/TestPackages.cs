using NuGet.Packaging;
using NuGet.Versioning;

namespace BuildMigrations.Tool.Tests;

/// <summary>
/// Packages laid out as <c>dotnet pack</c> of a migrations project lays them out (sdk/…/Sdk.targets): the bundle at
/// <c>bundles/ID.VERSION.mbundle</c> beside the project's assembly (SdkBuildTests checks a real pack puts it there),
/// written by NuGet's own PackageBuilder, which dotnet pack uses.
/// </summary>
public static class TestPackages
{
    /// <summary>Writes <c>ID.VERSION.nupkg</c> into <paramref name="folder"/> holding <paramref name="files"/> (package path, file on disk).</summary>
    public static string Write(string folder, string id, string version, params (string PackagePath, string File)[] files)
    {
        var builder = new PackageBuilder
        {
            Id = id,
            Version = NuGetVersion.Parse(version),
            Description = "Migrations of a test database.",
        };
        builder.Authors.Add("tests");
        foreach (var (packagePath, file) in files)
            builder.Files.Add(new PhysicalPackageFile { SourcePath = file, TargetPath = packagePath });
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{id}.{version}.nupkg");
        using var stream = File.Create(path);
        builder.Save(stream);
        return path;
    }

    /// <summary>The usual package: the bundle under bundles/ and a stand-in for the project's assembly under lib/.</summary>
    public static string WithBundle(string folder, string id, string version, string bundleFile)
    {
        var assembly = Path.Combine(Path.GetDirectoryName(bundleFile)!, $"{id}.dll");
        File.WriteAllBytes(assembly, [0x4d, 0x5a]);
        return Write(folder, id, version, ($"bundles/{id}.{version}.mbundle", bundleFile), ($"lib/net10.0/{id}.dll", assembly));
    }
}
