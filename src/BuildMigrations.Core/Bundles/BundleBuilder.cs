using System.Reflection;
using BuildMigrations.Core.Model;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Core.Bundles;

/// <summary>Turns a validated <see cref="MigrationSet"/> into bundle content.</summary>
public static class BundleBuilder
{
    /// <summary>The tool that makes bundles, as recorded in bundle.json (<c>BuildMigrations 0.1.0</c>).</summary>
    public static string ToolName { get; } = "BuildMigrations " + ProductVersion();

    private static string ProductVersion()
    {
        var informational = typeof(BundleBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        // The commit suffix (+sha) would make bundles differ between builds of the same tool version.
        return informational.Split('+')[0];
    }

    /// <summary>The manifest and scripts of a bundle; scripts are stored normalized (UTF-8, LF).</summary>
    public static BundleContent Build(MigrationSet set, BundleIdentity identity)
    {
        var migrations = new List<BundleMigration>();
        var scripts = new List<BundleEntry>();
        foreach (var migration in set.Migrations)
        {
            BundleScript? Add(MigrationScript? script)
            {
                if (script is null)
                    return null;
                var path = $"migrations/{migration.Name}.{script.Kind.Name()}.sql";
                scripts.Add(new BundleEntry(path, ScriptText.Bytes(script.Text)));
                return new BundleScript(path, script.Sha256, script.Transactional, script.SourcePath, script.SourceLine);
            }
            migrations.Add(new BundleMigration(migration.Version.Text, migration.Description, migration.Transactional,
                migration.IrreversibleReason, Add(migration.Up)!, Add(migration.Down), Add(migration.Verify)) { Data = Add(migration.Data) });
        }
        var manifest = new BundleManifest(BundleManifest.CurrentFormatVersion, identity.Name, identity.Version,
            identity.Engine, ToolName, identity.SourceRevision, migrations);
        return new BundleContent(ManifestJson.Write(manifest), scripts, Signature: null);
    }
}
