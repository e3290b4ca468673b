using System.Text;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Core.Tests;

/// <summary>Builds in-memory migrations folders for tests.</summary>
internal static class Folder
{
    public static IReadOnlyList<SourceFile> Of(params (string Name, string Text)[] files) =>
        files.Select(f => new SourceFile(f.Name, Encoding.UTF8.GetBytes(f.Text))).ToList();

    public static MigrationFolderResult Parse(params (string Name, string Text)[] files) =>
        MigrationFolder.Parse(Of(files), new MigrationFolderOptions());

    public static MigrationFolderResult Parse(MigrationFormat format, params (string Name, string Text)[] files) =>
        MigrationFolder.Parse(Of(files), new MigrationFolderOptions(format));

    /// <summary>Writes the files into <c>ROOT/migrations</c> (for tests of the build, which reads a folder on disk); returns that folder.</summary>
    public static string OnDisk(string root, params (string Name, string Text)[] files)
    {
        var folder = Path.Combine(root, "migrations");
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files)
            File.WriteAllText(Path.Combine(folder, name), text);
        return folder;
    }

    public static readonly (string, string)[] TwoMigrations =
    [
        ("0001_create_customers.up.sql", "CREATE TABLE customers (id int);\n"),
        ("0001_create_customers.down.sql", "DROP TABLE customers;\n"),
        ("0002_add_orders.up.sql", "CREATE TABLE orders (id int);\n"),
        ("0002_add_orders.down.sql", "DROP TABLE orders;\n"),
    ];
}
