using System.Reflection;

namespace BuildMigrations.Sdk.Tests;

/// <summary>Packs the SDK and the templates once into a local folder feed for all SDK tests.</summary>
public sealed class LocalFeedFixture : IDisposable
{
    private static string Metadata(string key) =>
        typeof(LocalFeedFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public LocalFeedFixture()
    {
        Feed = Directory.CreateTempSubdirectory("bm-feed-").FullName;
        var root = RepositoryRoot();
        foreach (var project in new[] { "sdk/BuildMigrations.Sdk/BuildMigrations.Sdk.csproj", "src/BuildMigrations.Testing/BuildMigrations.Testing.csproj", "templates/BuildMigrations.Templates/BuildMigrations.Templates.csproj" })
        {
            var pack = Dotnet.Run(root, null, "pack", Path.Combine(root, project), "-c", Metadata("Configuration"), "--no-build", "-o", Feed);
            if (pack.ExitCode != 0)
                throw new InvalidOperationException($"packing {project} failed:\n{pack}");
        }
    }

    /// <summary>The folder feed holding BuildMigrations.Sdk, BuildMigrations.Testing and BuildMigrations.Templates.</summary>
    public string Feed { get; }

    /// <summary>The version of the packed packages.</summary>
    public string Version { get; } = Metadata("PackageVersion");

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BuildMigrations.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("not run from inside the repository");
    }

    /// <summary>
    /// A private packages folder shared by this run's sample projects: fresh each run, so a rebuilt package of
    /// the same version is never taken from a cache, yet restored once rather than once per test.
    /// </summary>
    public string Packages { get; } = Directory.CreateTempSubdirectory("bm-packages-").FullName;

    public void Dispose()
    {
        Directory.Delete(Feed, recursive: true);
        Directory.Delete(Packages, recursive: true);
    }
}

/// <summary>Runs the dotnet CLI in a clean environment: no CI variables unless a test sets them, no node reuse.</summary>
public static class Dotnet
{
    public static CommandResult Run(string directory, IDictionary<string, string?>? environment, params string[] args)
    {
        // null removes: CI settings and MSBuild locations of the test run must not leak into the sample builds.
        var clean = new Dictionary<string, string?>
        {
            ["CI"] = null,
            ["ContinuousIntegrationBuild"] = null,
            ["MIGRATE_BUNDLE_SIGNING_KEY"] = null,
            ["MSBuildExtensionsPath"] = null,
            ["MSBuildSDKsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            clean[name] = value;
        return Processes.Run("dotnet", args, directory, clean);
    }
}
