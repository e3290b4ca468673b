using NuGet.Configuration;

namespace BuildMigrations.Sources.NuGet;

/// <summary>The package sources to look in: the NuGet configuration's enabled ones, or those given with --source.</summary>
internal static class FeedSources
{
    /// <summary>
    /// With no <paramref name="given"/>, the enabled sources of <paramref name="settings"/> (credentials included).
    /// A given value naming a configured source (by name or address) is that source, credentials and all; any other
    /// value is a folder or a feed URL with no credentials, as <c>dotnet restore --source</c> treats it.
    /// </summary>
    public static IReadOnlyList<PackageSource> Resolve(ISettings settings, IReadOnlyList<string> given)
    {
        var configured = new PackageSourceProvider(settings).LoadPackageSources().ToList();
        if (given.Count == 0)
            return [.. configured.Where(s => s.IsEnabled)];
        return [.. given.Select(value =>
            configured.FirstOrDefault(s => Same(s.Name, value) || Same(s.Source, value)) ?? new PackageSource(Full(value)))];
    }

    /// <summary>How a source is named in messages: never with a password (a URL's user info is dropped).</summary>
    public static string Describe(PackageSource source) =>
        source.Name == source.Source ? Address(source) : $"{source.Name} ({Address(source)})";

    /// <summary>The source's folder or URL, a URL without its user info.</summary>
    public static string Address(PackageSource source) => FeedAddress.WithoutUserInfo(source.Source);

    private static bool Same(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>A relative folder is taken from the current directory, as restore does.</summary>
    private static string Full(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && !uri.IsFile ? value : Path.GetFullPath(value);
}
