using System.Text;
using BuildMigrations.Core.Model;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Fuzz;

/// <summary>
/// A migrations folder whose file names (and contents) are the input: reading it in every naming format returns
/// migrations and diagnostics, never an exception; and the versions read keep MigrationVersion's ordering laws.
/// </summary>
/// <remarks>
/// Each input line is one file: its name, optionally followed by a tab and its content, in which "\n" stands
/// for a newline (so directives and dbmate sections can be reached). Without content, the file holds one statement.
/// </remarks>
internal static class FileNamesHarness
{
    private const int MaxFiles = 64;

    public static string Run(byte[] input)
    {
        var files = Encoding.UTF8.GetString(input).Split('\n').Take(MaxFiles).Select(ToFile).ToList();
        var read = 0;
        foreach (var format in Enum.GetValues<MigrationFormat>())
        {
            var result = MigrationFolder.Parse(files, new MigrationFolderOptions(format));
            read += result.Migrations.Migrations.Count;
            CheckOrdering(result.Migrations.Migrations.Select(m => m.Version).ToList());
        }

        var versions = files.Select(f => MigrationVersion.TryParse(f.RelativePath)).OfType<MigrationVersion>().ToList();
        CheckOrdering(versions);
        return $"{read} migrations over all formats, {versions.Count} names that are versions";
    }

    private static SourceFile ToFile(string line)
    {
        var tab = line.IndexOf('\t');
        var name = tab < 0 ? line : line[..tab];
        var content = tab < 0 ? "SELECT 1;\n" : line[(tab + 1)..].Replace("\\n", "\n");
        return new SourceFile(name, Encoding.UTF8.GetBytes(content));
    }

    private static void CheckOrdering(List<MigrationVersion> versions)
    {
        foreach (var a in versions)
        {
            Expect.That(a.CompareTo(a) == 0 && a.Equals(a), "a version equals itself");
            foreach (var b in versions)
            {
                Expect.That(Math.Sign(a.CompareTo(b)) == -Math.Sign(b.CompareTo(a)), "comparison is antisymmetric");
                Expect.That(a.Equals(b) == (a.CompareTo(b) == 0), "equality agrees with comparison");
                Expect.That(!a.Equals(b) || a.GetHashCode() == b.GetHashCode(), "equal versions hash alike");
            }
        }
    }
}
