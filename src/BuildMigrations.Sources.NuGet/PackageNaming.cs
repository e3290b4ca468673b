using NuGet.Packaging;
using NuGet.Versioning;

namespace BuildMigrations.Sources.NuGet;

/// <summary>
/// Package ids and versions as NuGet reads them. A bundle is named like its project's package, and a feed reference
/// names one: both are checked here, with no surrounding whitespace (a trailing newline would pass NuGet's own check).
/// </summary>
public static class PackageNaming
{
    /// <summary>Whether <paramref name="id"/> is a package id (letters, digits, '.', '-', '_'; no path separators).</summary>
    public static bool IsId(string id) => id == id.Trim() && PackageIdValidator.IsValidPackageId(id);

    /// <summary>The exact version <paramref name="text"/> spells (1.4.0, 1.4.0-beta.1, 2.0.0.12), or null.</summary>
    public static NuGetVersion? Version(string text) => text == text.Trim() && NuGetVersion.TryParse(text, out var version) ? version : null;
}
