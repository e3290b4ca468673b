using System.Text;
using BuildMigrations.Core.Integrity;
using BuildMigrations.Core.Model;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Fuzz;

/// <summary>
/// migrations.sum as a hand edit or a merge conflict can leave it: parsing returns a sum or a bad line, a parsed
/// sum formats back to text that parses to the same sum, and checking it against a folder reports diagnostics,
/// never an exception.
/// </summary>
internal static class SumFileHarness
{
    // A fixed folder to check every input against, so the comparison paths (edited, removed, reordered, added) run.
    private static readonly MigrationSet Folder = MigrationFolder.Parse(
    [
        new SourceFile("0001_create_customers.up.sql", "CREATE TABLE customers (id int);\n"u8.ToArray()),
        new SourceFile("0001_create_customers.down.sql", "DROP TABLE customers;\n"u8.ToArray()),
        new SourceFile("0002_add_email.up.sql", "ALTER TABLE customers ADD email text;\n"u8.ToArray()),
        new SourceFile("0002_add_email.down.sql", "ALTER TABLE customers DROP email;\n"u8.ToArray()),
    ], new MigrationFolderOptions()).Migrations;

    public static string Run(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var sum = SumFile.TryParse(text, out var badLine);
        Expect.That((sum is null) == (badLine > 0), "a bad line is given exactly when parsing fails");

        var strict = SumCheck.Run("migrations.sum", text, Folder, strict: true);
        var local = SumCheck.Run("migrations.sum", text, Folder, strict: false);
        Expect.That(strict.TextToWrite is null, "a strict check never writes");
        if (sum is null)
            return $"malformed at line {badLine}";

        var reparsed = SumFile.TryParse(sum.Format(), out _);
        Expect.That(reparsed is not null && reparsed.TotalHash == sum.TotalHash && reparsed.Lines.SequenceEqual(sum.Lines),
            "a parsed sum formats to text that parses back to the same sum");

        // Against the files the sum itself names (as if each still had its recorded content's hash unknown).
        var named = sum.Lines.Select(l => l.Path).Distinct(StringComparer.Ordinal).Select(p => (p, new string('0', 64))).ToList();
        SumComparison.Compare(sum, named);
        return $"parsed ({sum.Lines.Count} lines, {strict.Diagnostics.Count} strict / {local.Diagnostics.Count} local diagnostics)";
    }
}
