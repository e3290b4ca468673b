using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Lint;

namespace BuildMigrations.Sources.NuGet;

/// <summary>
/// The one place a BUNDLE argument is turned into a bundle: an .mbundle file, the bundle inside a .nupkg,
/// or the bundle inside <c>nuget:ID@VERSION</c> fetched from the configured feeds (or <paramref name="sources"/>).
/// </summary>
public static class BundleSource
{
    public static async Task<SourcedBundle> ReadAsync(string argument, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        var location = BundleLocation.Parse(argument);
        if (sources.Count > 0 && location is not BundleLocation.FeedPackage)
            throw new DiagnosticException(SourceProblems.SourceWithoutPackage(argument));
        switch (location)
        {
            case BundleLocation.PackageFile file:
                return FromPackage(file.Path, file.Path, Path.GetFullPath(file.Path));
            case BundleLocation.FeedPackage feed:
                var package = await FeedPackageFetcher.FetchAsync(feed.Identity, sources, Directory.GetCurrentDirectory(), cancellationToken);
                return FromPackage(package, feed.ToString(), feed.ToString());
            default:
                var path = ((BundleLocation.BundleFile)location).Path;
                var bundle = BundleReader.ReadFile(path);
                var impact = MeasuredImpact.PathBeside(path, bundle.Manifest.Name);
                return new SourcedBundle(bundle, path, Path.GetFullPath(path), path,
                    File.Exists(impact) ? (File.ReadAllText(impact), impact) : null);
        }
    }

    private static SourcedBundle FromPackage(string packagePath, string display, string origin)
    {
        var (bytes, entry) = PackageBundle.Read(packagePath, display);
        var inside = $"{display}/{entry}";
        var bundle = BundleReader.Read(bytes, inside);
        var impactEntry = $"bundles/{bundle.Manifest.Name}.impact.json";
        return new SourcedBundle(bundle, inside, origin, BundleFile: null,
            PackageBundle.ReadText(packagePath, impactEntry) is { } impact ? (impact, $"{display}/{impactEntry}") : null);
    }
}
