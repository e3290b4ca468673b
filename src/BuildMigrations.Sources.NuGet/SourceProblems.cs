using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Sources.NuGet;

/// <summary>BM41xx: where a bundle comes from (a .nupkg, or a package on a feed). Bad input: the tool exits 2 on each.</summary>
public static class SourceProblems
{
    private static Diagnostic Error(string code, string message, string? file = null) =>
        new(code, DiagnosticSeverity.Error, message, file);

    public static Diagnostic BadPackageReference(string argument, string detail) =>
        Error("BM4101", $"'{argument}' is not a package reference: {detail}; write nuget:PACKAGE@VERSION with an exact version, e.g. nuget:Shop.Db@1.4.0");

    public static Diagnostic PackageNotFound(string package, IReadOnlyList<string> sources) =>
        Error("BM4102", sources.Count == 0
            ? $"package {package} not found: no package source is enabled in the NuGet configuration of this folder; add one to NuGet.Config or pass --source FEED"
            : $"package {package} not found on any source (tried {string.Join(", ", sources)}); check the name, or pass --source FEED (or add the feed to NuGet.Config)");

    public static Diagnostic NoBundleInPackage(string package) =>
        Error("BM4103", "the package holds no .mbundle under bundles/; pack the migrations project (BuildMigrations.Sdk) with 'dotnet pack', or pass the .mbundle file", package);

    public static Diagnostic SeveralBundlesInPackage(string package, IReadOnlyList<string> bundles, string expected) =>
        Error("BM4104", $"the package holds several bundles ({string.Join(", ", bundles)}) and none is {expected}; extract the one to deploy and pass its .mbundle path", package);

    public static Diagnostic FeedUnreachable(string package, IReadOnlyList<string> failures) =>
        Error("BM4105", $"package {package} could not be looked up: {string.Join("; ", failures)}; check the feed's address, the network and the credentials in NuGet.Config");

    public static Diagnostic VersionNotFound(string id, string version, IReadOnlyList<string> available, IReadOnlyList<string> sources) =>
        Error("BM4106", $"package {id} has no version {version} on {string.Join(", ", sources)} (versions there: {string.Join(", ", available)}); pass one of those versions");

    public static Diagnostic PackageUnreadable(string package, string detail) =>
        Error("BM4107", $"not a readable NuGet package ({detail}); pass a .nupkg made by 'dotnet pack'", package);

    public static Diagnostic SourceWithoutPackage(string argument) =>
        Error("BM4108", $"--source only applies to a package on a feed, but '{argument}' is a file; drop --source or pass nuget:PACKAGE@VERSION");

    public static Diagnostic DownloadUnavailable(string package, string globalPackagesFolder) =>
        Error("BM4109", $"package {package} is not in the NuGet global packages folder ({globalPackagesFolder}) and this native build of the tool cannot download from feeds; restore the package there first (e.g. 'dotnet restore' of a project that references it), or pass its .nupkg file");
}
