using BuildMigrations.Core.Bundles;

namespace BuildMigrations.Sources.NuGet;

/// <summary>A bundle read from wherever the BUNDLE argument pointed.</summary>
/// <param name="Bundle">The bundle, integrity checked (signature trust is the caller's, as for any bundle).</param>
/// <param name="Display">Names it in messages: the .mbundle path, or the package and the entry inside it.</param>
/// <param name="Origin">The .mbundle or .nupkg file's full path, or nuget:ID@VERSION.</param>
/// <param name="BundleFile">The .mbundle file when the argument was one.</param>
/// <param name="MeasuredImpact">The impact <c>dotnet test</c> measured (<c>NAME.impact.json</c> beside the .mbundle, or
/// under bundles/ in the package) and where it was read, when there is one.</param>
public sealed record SourcedBundle(LoadedBundle Bundle, string Display, string Origin, string? BundleFile, (string Text, string Where)? MeasuredImpact = null);
