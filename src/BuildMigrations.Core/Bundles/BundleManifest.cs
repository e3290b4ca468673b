namespace BuildMigrations.Core.Bundles;

/// <summary>bundle.json: what a bundle is and every migration in it, in order.</summary>
public sealed record BundleManifest(
    int FormatVersion,
    string Name,
    string Version,
    string Engine,
    string Tool,
    string? SourceRevision,
    IReadOnlyList<BundleMigration> Migrations)
{
    /// <summary>The format this code writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Every script of every migration.</summary>
    public IEnumerable<BundleScript> Scripts => Migrations.SelectMany(m => m.Scripts);
}

/// <summary>One migration as recorded in bundle.json.</summary>
public sealed record BundleMigration(
    string Version,
    string Description,
    bool Transactional,
    string? Irreversible,
    BundleScript Up,
    BundleScript? Down,
    BundleScript? Verify)
{
    /// <summary><c>version_description</c>.</summary>
    public string Name => $"{Version}_{Description}";

    /// <summary>Rows the proofs insert just before the up script; never run by deploy. Absent from bundle.json when null.</summary>
    public BundleScript? Data { get; init; }

    /// <summary>The scripts that exist, in up, down, verify, data order.</summary>
    public IEnumerable<BundleScript> Scripts
    {
        get
        {
            yield return Up;
            if (Down is not null)
                yield return Down;
            if (Verify is not null)
                yield return Verify;
            if (Data is not null)
                yield return Data;
        }
    }
}

/// <summary>One script entry: where it is in the zip, its hash, and where it came from.</summary>
public sealed record BundleScript(string Path, string Sha256, bool Transactional, string Source, int SourceLine);
