namespace BuildMigrations.Core.Bundles;

/// <summary>Sizes beyond which a bundle is refused rather than read (hostile or broken input).</summary>
public sealed record BundleLimits(long MaxBundleBytes, int MaxEntries, long MaxEntryBytes, long MaxTotalBytes)
{
    /// <summary>Generous for real projects (thousands of migrations), small enough to refuse zip bombs.</summary>
    public static BundleLimits Default { get; } = new(
        MaxBundleBytes: 256L * 1024 * 1024,
        MaxEntries: 50_000,
        MaxEntryBytes: 64L * 1024 * 1024,
        MaxTotalBytes: 512L * 1024 * 1024);
}
