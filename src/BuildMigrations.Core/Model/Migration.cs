namespace BuildMigrations.Core.Model;

/// <summary>One versioned schema change: an up script, and a down script unless it is irreversible.</summary>
public sealed record Migration(
    MigrationVersion Version,
    string Description,
    MigrationScript Up,
    MigrationScript? Down,
    MigrationScript? Verify,
    string? IrreversibleReason)
{
    /// <summary><c>version_description</c>, the name used in bundles, tests and messages.</summary>
    public string Name => $"{Version.Text}_{Description}";

    /// <summary>Whether the up script runs inside a transaction.</summary>
    public bool Transactional => Up.Transactional;

    /// <summary>The scripts that exist, in up, down, verify order.</summary>
    public IEnumerable<MigrationScript> Scripts =>
        new[] { Up, Down, Verify }.Where(s => s is not null).Select(s => s!);
}
