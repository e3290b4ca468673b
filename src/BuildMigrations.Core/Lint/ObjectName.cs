namespace BuildMigrations.Core.Lint;

/// <summary>A possibly schema-qualified object name, as written (quotes removed).</summary>
public sealed record ObjectName(string? Schema, string Name)
{
    /// <summary>The name compared case-insensitively without its schema: the key for "created in this migration".</summary>
    public string Key => Name.ToLowerInvariant();

    public override string ToString() => Schema is null ? Name : $"{Schema}.{Name}";
}
