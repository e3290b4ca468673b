using BuildMigrations.Core.Bundles;

namespace BuildMigrations.Engines.History;

/// <summary>Who and what is changing the database: stamped on every history row.</summary>
public sealed record AuditContext(
    string? BundleName, string? BundleVersion, string? BundleDigest, string? SignerKeyId,
    string OsUser, string Host, string? CiRunId, string ToolVersion)
{
    /// <summary>The command and options that are changing the database, secrets removed; recorded on every row.</summary>
    public string? Command { get; init; }

    // Run ids of common CI systems, first match wins: GitHub Actions, Azure DevOps, GitLab, Jenkins, generic.
    private static readonly string[] CiRunVariables = ["GITHUB_RUN_ID", "BUILD_BUILDID", "CI_PIPELINE_ID", "BUILD_TAG", "CI_RUN_ID"];

    /// <summary>The context of this process, for <paramref name="bundle"/> (null for commands without one).</summary>
    public static AuditContext ForThisProcess(LoadedBundle? bundle) => new(
        bundle?.Manifest.Name, bundle?.Manifest.Version, bundle?.Digest, bundle?.Signature?.KeyId,
        Environment.UserName, Environment.MachineName,
        CiRunVariables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v)),
        BundleBuilder.ToolName);

    /// <summary>A new row stamped with this context.</summary>
    public HistoryRecord Record(string version, string description, HistoryDirection direction, HistoryStatus status,
        string? checksum, bool transactional, DateTimeOffset startedAt) => new()
    {
        Version = version,
        Description = description,
        Direction = direction,
        Status = status,
        Checksum = checksum,
        Transactional = transactional,
        StartedAt = startedAt,
        FinishedAt = status == HistoryStatus.Running ? null : startedAt,
        BundleName = BundleName,
        BundleVersion = BundleVersion,
        BundleDigest = BundleDigest,
        SignerKeyId = SignerKeyId,
        OsUser = OsUser,
        Host = Host,
        CiRunId = CiRunId,
        ToolVersion = ToolVersion,
        Command = Command,
    };
}
