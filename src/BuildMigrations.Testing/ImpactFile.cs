using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Lint;

namespace BuildMigrations.Testing;

/// <summary>
/// The measured impact file beside the bundle (<c>&lt;BundleName&gt;.impact.json</c>, by default the project's
/// AssemblyName), which plan reads and dotnet pack puts under bundles/. Each run starts it afresh and rewrites it
/// after every measured proof, so an interrupted run still leaves what it measured, in migration order.
/// </summary>
internal sealed class ImpactFile(string path, LoadedBundle bundle)
{
    private readonly Dictionary<string, MeasuredMigration> _measured = new(StringComparer.Ordinal);

    public static ImpactFile Beside(string bundlePath, LoadedBundle bundle) =>
        new(MeasuredImpact.PathBeside(bundlePath, bundle.Manifest.Name), bundle);

    public void Add(MeasuredMigration migration)
    {
        lock (_measured)
        {
            _measured[migration.Version] = migration;
            var inOrder = bundle.Manifest.Migrations.Select(m => _measured.GetValueOrDefault(m.Version)).OfType<MeasuredMigration>();
            File.WriteAllText(path, MeasuredImpact.ToJson(inOrder));
        }
    }
}
