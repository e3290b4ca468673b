namespace BuildMigrations.Testing;

/// <summary>Names the bundle a migrations project builds beside its test assembly (added by the SDK).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class MigrationsBundleAttribute(string fileName) : Attribute
{
    /// <summary>The bundle's file name in the output directory.</summary>
    public string FileName { get; } = fileName;
}
