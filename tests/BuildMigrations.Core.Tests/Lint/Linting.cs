using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Lint;

namespace BuildMigrations.Core.Tests.Lint;

/// <summary>Lints a folder of one existing table (migration 0001) plus the up script under test (0002).</summary>
internal static class Linting
{
    public static IReadOnlyList<Diagnostic> Up(string engine, string up, string down = "SELECT 1;\n")
    {
        var folder = Folder.Parse(
            ("0001_base.up.sql", "CREATE TABLE orders (id int);\n"),
            ("0001_base.down.sql", "DROP TABLE orders;\n"),
            ("0002_change.up.sql", up),
            ("0002_change.down.sql", down));
        Assert.True(folder.Succeeded, string.Join("\n", folder.Diagnostics));
        return MigrationLinter.Run(folder.Migrations, engine, path => path).Where(d => d.File != "0001_base.up.sql").ToList();
    }

    public static IReadOnlyList<string> Codes(string engine, string up) => Up(engine, up).Select(d => d.Code).ToList();
}
