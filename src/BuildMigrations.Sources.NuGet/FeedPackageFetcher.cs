using BuildMigrations.Core.Diagnostics;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace BuildMigrations.Sources.NuGet;

/// <summary>
/// Brings <c>nuget:ID@VERSION</c> into NuGet's global packages folder, as restore would, and returns its .nupkg there.
/// A package already in that folder is used without asking any feed. NuGet logs nothing: its messages would mix
/// with the tool's output, and everything that matters reaches the user as a diagnostic.
/// </summary>
internal static class FeedPackageFetcher
{
    public static async Task<string> FetchAsync(PackageIdentity identity, IReadOnlyList<string> givenSources, string workingDirectory, CancellationToken cancellationToken)
    {
        var settings = Settings.LoadDefaultSettings(workingDirectory);
        var globalPackages = SettingsUtility.GetGlobalPackagesFolder(settings);
        var resolver = new VersionFolderPathResolver(globalPackages);
        var cached = resolver.GetPackageFilePath(identity.Id, identity.Version);
        // Restore writes the metadata file last, so its presence means the package there is complete. Checked here
        // rather than with NuGet.Protocol's GlobalPackagesFolderUtility, which the native build leaves out.
        if (File.Exists(resolver.GetNupkgMetadataPath(identity.Id, identity.Version)) && File.Exists(cached))
            return cached;
        if (!FeedDownloads.IsSupported)
            throw new DiagnosticException(SourceProblems.DownloadUnavailable($"{identity.Id} {identity.Version.ToNormalizedString()}", globalPackages));
        return await DownloadAsync(identity, givenSources, settings, globalPackages, cached, cancellationToken);
    }

    private static async Task<string> DownloadAsync(PackageIdentity identity, IReadOnlyList<string> givenSources, ISettings settings, string globalPackages, string cached, CancellationToken cancellationToken)
    {
        var sources = FeedSources.Resolve(settings, givenSources);
        var tried = sources.Select(FeedSources.Describe).ToList();
        var failures = new List<string>();
        var versions = new SortedSet<NuGetVersion>();
        // NoCache keeps NuGet's HTTP cache in a temporary folder of its own, deleted on dispose.
        using var cache = new SourceCacheContext { NoCache = true, DirectDownload = true };
        foreach (var source in sources)
        {
            try
            {
                var finder = await Repository.Factory.GetCoreV3(source).GetResourceAsync<FindPackageByIdResource>(cancellationToken)
                    ?? throw new FatalProtocolException("not a NuGet v3 feed or package folder");
                var available = (await finder.GetAllVersionsAsync(identity.Id, cache, NullLogger.Instance, cancellationToken)).ToList();
                if (!available.Contains(identity.Version))
                {
                    versions.UnionWith(available);
                    continue;
                }
                using var package = new MemoryStream();
                if (!await finder.CopyNupkgToStreamAsync(identity.Id, identity.Version, package, cache, NullLogger.Instance, cancellationToken))
                {
                    failures.Add($"{FeedSources.Describe(source)}: lists the version but did not serve the package");
                    continue;
                }
                package.Position = 0;
                using var added = await GlobalPackagesFolderUtility.AddPackageAsync(source.Source, identity, package, globalPackages,
                    parentId: Guid.Empty, ClientPolicyContext.GetClientPolicy(settings, NullLogger.Instance), NullLogger.Instance, cancellationToken);
                return cached;
            }
            catch (Exception e) when (e is FatalProtocolException or HttpRequestException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"{FeedSources.Describe(source)}: {Scrub(Innermost(e), source)}");
            }
        }

        var name = $"{identity.Id} {identity.Version.ToNormalizedString()}";
        if (failures.Count > 0)
            throw new DiagnosticException(SourceProblems.FeedUnreachable(name, failures));
        if (versions.Count > 0)
            throw new DiagnosticException(SourceProblems.VersionNotFound(identity.Id, identity.Version.ToNormalizedString(), [.. versions.Select(v => v.ToNormalizedString())], tried));
        throw new DiagnosticException(SourceProblems.PackageNotFound(name, tried));
    }

    /// <summary>NuGet wraps the cause ("unable to load the service index" around "connection refused"): show both.</summary>
    private static string Innermost(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
            messages.Add(current.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.'));
        return string.Join(": ", messages.Distinct());
    }

    /// <summary>
    /// Feeds' and NuGet's texts are not ours: neither a password from NuGet.Config nor one in the feed's URL may come
    /// back through them.
    /// </summary>
    private static string Scrub(string text, PackageSource source)
    {
        text = text.Replace(source.Source, FeedSources.Address(source), StringComparison.Ordinal);
        string?[] passwords = [source.Credentials?.Password, Uri.TryCreate(source.Source, UriKind.Absolute, out var uri) ? uri.UserInfo.Split(':').ElementAtOrDefault(1) : null];
        foreach (var password in passwords.Where(p => !string.IsNullOrEmpty(p)))
            text = text.Replace(password!, "***", StringComparison.Ordinal);
        return text;
    }
}
