using BuildMigrations.Core.Diagnostics;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace BuildMigrations.Sources.NuGet;

/// <summary>What a BUNDLE argument names: an .mbundle file, a .nupkg file, or a package on a feed.</summary>
public abstract record BundleLocation
{
    public const string FeedPrefix = "nuget:";

    /// <summary>An .mbundle file (any name that is neither a .nupkg nor a nuget: reference, as before packages existed).</summary>
    public sealed record BundleFile(string Path) : BundleLocation;

    /// <summary>A .nupkg file, e.g. the output of <c>dotnet pack</c> of a migrations project.</summary>
    public sealed record PackageFile(string Path) : BundleLocation;

    /// <summary><c>nuget:PACKAGE@VERSION</c>: one exact version, so a deploy is reproducible.</summary>
    public sealed record FeedPackage(PackageIdentity Identity) : BundleLocation
    {
        public override string ToString() => $"{FeedPrefix}{Identity.Id}@{Identity.Version.ToNormalizedString()}";
    }

    public static BundleLocation Parse(string argument)
    {
        if (argument.StartsWith(FeedPrefix, StringComparison.OrdinalIgnoreCase))
            return ParseFeedPackage(argument);
        return argument.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase) ? new PackageFile(argument) : new BundleFile(argument);
    }

    private static FeedPackage ParseFeedPackage(string argument)
    {
        var reference = argument[FeedPrefix.Length..];
        var at = reference.LastIndexOf('@');
        if (at < 0 || at == reference.Length - 1)
            throw new DiagnosticException(SourceProblems.BadPackageReference(argument, "the version is missing"));
        var (id, version) = (reference[..at], reference[(at + 1)..]);
        if (!PackageNaming.IsId(id))
            throw new DiagnosticException(SourceProblems.BadPackageReference(argument, $"'{id}' is not a valid package id"));
        // Only an exact version: a range or a floating version would deploy whatever the feed holds that day.
        if (PackageNaming.Version(version) is not { } exact)
            throw new DiagnosticException(SourceProblems.BadPackageReference(argument, $"'{version}' is not a version"));
        return new FeedPackage(new PackageIdentity(id, exact));
    }
}
