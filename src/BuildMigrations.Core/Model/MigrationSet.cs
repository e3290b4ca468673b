namespace BuildMigrations.Core.Model;

/// <summary>The migrations of one folder, in version order.</summary>
public sealed record MigrationSet(IReadOnlyList<Migration> Migrations)
{
    /// <summary>The distinct source files in migration order (up, down, verify), as migrations.sum lists them.</summary>
    public IReadOnlyList<(string Path, string Sha256)> SourceFiles { get; init; } = [];
}
