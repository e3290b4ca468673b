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

    /// <summary>Rows the proofs insert just before the up script (<c>.data.sql</c>); never run by deploy.</summary>
    public MigrationScript? Data { get; init; }

    /// <summary>The scripts that exist, in up, down, verify, data order.</summary>
    public IEnumerable<MigrationScript> Scripts =>
        new[] { Up, Down, Verify, Data }.Where(s => s is not null).Select(s => s!);
}
