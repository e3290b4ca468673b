using System.IO.Compression;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using NuGet.Packaging;
using NuGet.Packaging.Core;

namespace BuildMigrations.Sources.NuGet;

/// <summary>
/// The bundle inside a package: <c>dotnet pack</c> of a migrations project puts it at
/// <c>bundles/$(BundleFileName)</c>, by default <c>bundles/ID.VERSION.mbundle</c> (see sdk/…/Sdk.targets).
/// </summary>
public static class PackageBundle
{
    private const string Folder = "bundles/";

    /// <summary>The bundle's bytes and its entry path in the package at <paramref name="packagePath"/>.</summary>
    /// <param name="display">Names the package in diagnostics (the path, or nuget:ID@VERSION).</param>
    public static (byte[] Bytes, string Entry) Read(string packagePath, string display, BundleLimits? limits = null)
    {
        limits ??= BundleLimits.Default;
        if (!File.Exists(packagePath))
            throw new DiagnosticException(Problems.BundleMissing(packagePath));
        try
        {
            using var package = new PackageArchiveReader(packagePath);
            var entry = Choose(package.GetIdentity(), package.GetFiles().Where(IsBundle).ToList(), display);
            var size = package.GetEntry(entry).Length;
            if (size > limits.MaxBundleBytes)
                throw new DiagnosticException(Problems.BundleTooLarge($"{display}/{entry}", "the bundle file", limits.MaxBundleBytes));
            using var stream = package.GetStream(entry);
            using var bytes = new MemoryStream((int)size);
            stream.CopyTo(bytes);
            return (bytes.ToArray(), entry);
        }
        catch (Exception e) when (e is InvalidDataException or PackagingException or IOException or System.Xml.XmlException or ArgumentException)
        {
            throw new DiagnosticException(SourceProblems.PackageUnreadable(display, e.Message.ReplaceLineEndings(" ")), e);
        }
    }

    /// <summary>The text of a file packed beside the bundle (e.g. the measured impact), or null when the package has none.</summary>
    public static string? ReadText(string packagePath, string entry)
    {
        using var package = new PackageArchiveReader(packagePath);
        if (!package.GetFiles().Contains(entry, StringComparer.OrdinalIgnoreCase))
            return null;
        using var reader = new StreamReader(package.GetStream(entry));
        return reader.ReadToEnd();
    }

    private static bool IsBundle(string file) =>
        file.StartsWith(Folder, StringComparison.OrdinalIgnoreCase) && file.EndsWith(".mbundle", StringComparison.OrdinalIgnoreCase);

    /// <summary>The only bundle, or the one named after the package (a multi-targeted pack writes the same name once).</summary>
    private static string Choose(PackageIdentity identity, IReadOnlyList<string> bundles, string display)
    {
        var distinct = bundles.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count == 0)
            throw new DiagnosticException(SourceProblems.NoBundleInPackage(display));
        if (distinct.Count == 1)
            return distinct[0];
        // $(Version) as the project wrote it, or as NuGet normalized it into the package (1.4 -> 1.4.0).
        var expected = new[] { identity.Version.OriginalVersion, identity.Version.ToNormalizedString(), identity.Version.ToFullString() }
            .Where(v => v is not null)
            .Select(v => $"{Folder}{identity.Id}.{v}.mbundle")
            .ToList();
        return distinct.FirstOrDefault(b => expected.Contains(b, StringComparer.OrdinalIgnoreCase))
            ?? throw new DiagnosticException(SourceProblems.SeveralBundlesInPackage(display, distinct, expected[1]));
    }
}
