using System.Text.RegularExpressions;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Sources;

/// <summary>What a file name says about the script(s) inside, per <see cref="MigrationFormat"/>.</summary>
internal static class FileNaming
{
    // Dots are allowed because golang-migrate folders use them (000071_upgrade_sessions_v6.1.up.sql);
    // the version ends at the first underscore, so names stay unambiguous.
    private const string Description = "(?<desc>[A-Za-z0-9_.-]+)";
    // [0-9], not \d: .NET's \d matches every Unicode digit ('١', '１'), which MigrationVersion rightly refuses.
    private static readonly Regex UpDownName = new($@"^(?<version>[0-9]+(?:\.[0-9]+)*)_{Description}\.(?<kind>up|down|verify|data)\.sql$", RegexOptions.CultureInvariant);
    private static readonly Regex FlywayName = new($@"^(?<prefix>[VU])(?<version>[0-9]+(?:[._][0-9]+)*)__{Description}\.sql$", RegexOptions.CultureInvariant);
    private static readonly Regex DbmateName = new($@"^(?<version>[0-9]+(?:\.[0-9]+)*)_{Description}\.sql$", RegexOptions.CultureInvariant);

    /// <summary>The naming rule shown in BM1001.</summary>
    public static string Expected(MigrationFormat format) => format switch
    {
        MigrationFormat.Flyway => "'V<version>__<description>.sql' or 'U<version>__<description>.sql', e.g. V1__create_customers.sql",
        MigrationFormat.Dbmate => "'<version>_<description>.sql', e.g. 20260120093000_create_customers.sql",
        _ => "'<version>_<description>.<up|down|verify|data>.sql', e.g. 0001_create_customers.up.sql",
    };

    /// <summary>True for files the format reads; other files (migrations.sum, README.md) are ignored.</summary>
    public static bool IsScriptFile(string relativePath) => relativePath.EndsWith(".sql", StringComparison.OrdinalIgnoreCase);

    /// <summary>Version, description and kind (null for a dbmate file, which holds both), or a diagnostic.</summary>
    public static (MigrationVersion Version, string Description, ScriptKind? Kind)? Classify(
        MigrationFormat format, string fileName, string displayPath, out Diagnostic? problem)
    {
        problem = null;
        switch (format)
        {
            case MigrationFormat.Flyway:
                var flyway = FlywayName.Match(fileName);
                if (flyway.Success)
                {
                    var kind = flyway.Groups["prefix"].Value == "V" ? ScriptKind.Up : ScriptKind.Down;
                    return (MigrationVersion.Parse(flyway.Groups["version"].Value.Replace('_', '.')), flyway.Groups["desc"].Value, kind);
                }
                problem = fileName.StartsWith("R__", StringComparison.Ordinal)
                    ? Problems.UnsupportedRepeatable(displayPath)
                    : Problems.MalformedFileName(displayPath, Expected(format));
                return null;
            case MigrationFormat.Dbmate:
                var dbmate = DbmateName.Match(fileName);
                if (dbmate.Success)
                    return (MigrationVersion.Parse(dbmate.Groups["version"].Value), dbmate.Groups["desc"].Value, null);
                break;
            default:
                var upDown = UpDownName.Match(fileName);
                if (upDown.Success)
                    return (MigrationVersion.Parse(upDown.Groups["version"].Value), upDown.Groups["desc"].Value, ScriptKinds.FromName(upDown.Groups["kind"].Value));
                break;
        }
        problem = Problems.MalformedFileName(displayPath, Expected(format));
        return null;
    }

    /// <summary>True when <paramref name="description"/> may follow a version in a file name.</summary>
    public static bool IsValidDescription(string description) => Regex.IsMatch(description, $"^{Description}$");
}
