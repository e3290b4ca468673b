using System.Text;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.TestSupport;

/// <summary>Bundles built in memory from (file name, SQL) pairs.</summary>
public static class Bundles
{
    public static LoadedBundle Build(string engine, params (string Name, string Sql)[] files)
    {
        var folder = MigrationFolder.Parse(files.Select(f => new SourceFile(f.Name, Encoding.UTF8.GetBytes(f.Sql))).ToList(), new MigrationFolderOptions());
        if (!folder.Succeeded)
            throw new InvalidOperationException(string.Join("\n", folder.Diagnostics));
        var content = BundleBuilder.Build(folder.Migrations, new BundleIdentity("Test", "1.0.0", engine));
        return BundleReader.Read(BundleWriter.ToBytes(content), "test.mbundle");
    }
}
