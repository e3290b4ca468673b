using BuildMigrations.Core.Bundles;

namespace BuildMigrations.Sources.NuGet;

/// <summary>A bundle read from wherever the BUNDLE argument pointed.</summary>
/// <param name="Bundle">The bundle, integrity checked (signature trust is the caller's, as for any bundle).</param>
/// <param name="Display">Names it in messages: the .mbundle path, or the package and the entry inside it.</param>
/// <param name="Origin">The .mbundle or .nupkg file's full path, or nuget:ID@VERSION.</param>
/// <param name="BundleFile">The .mbundle file when the argument was one (files written beside it, like measured impact, are read from there).</param>
public sealed record SourcedBundle(LoadedBundle Bundle, string Display, string Origin, string? BundleFile);
