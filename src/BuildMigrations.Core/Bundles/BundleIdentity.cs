namespace BuildMigrations.Core.Bundles;

/// <summary>What a bundle is called and for which engine; goes into bundle.json.</summary>
public sealed record BundleIdentity(string Name, string Version, string Engine, string? SourceRevision = null);
