using System.Globalization;
using System.Numerics;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Core.Authoring;

/// <summary>The files of the next migration to write into a folder.</summary>
public static class NextMigration
{
    // A single-part version this long is a timestamp (yyyyMMddHHmm or longer), so the next one is "now".
    private const int TimestampDigits = 12;

    /// <summary>
    /// File names and starting contents for a migration described by <paramref name="description"/>, numbered
    /// after the highest version among <paramref name="existingFileNames"/>: the next integer with the same
    /// zero padding, or the current UTC time when the folder uses timestamps (or is a new dbmate folder).
    /// </summary>
    public static IReadOnlyList<(string FileName, string Content)> Files(
        IEnumerable<string> existingFileNames, string description, MigrationFormat format, DateTimeOffset now)
    {
        if (!FileNaming.IsValidDescription(description))
            throw new DiagnosticException(Problems.InvalidMigrationName(description));
        var latest = existingFileNames
            .Select(name => FileNaming.Classify(format, name, name, out _)?.Version)
            .Where(v => v is not null)
            .Max();
        var version = NextVersion(latest, format, now);
        return format switch
        {
            MigrationFormat.Flyway =>
            [
                ($"V{version}__{description}.sql", $"-- {description}\n"),
                ($"U{version}__{description}.sql", $"-- undo {description}\n"),
            ],
            MigrationFormat.Dbmate =>
            [
                ($"{version}_{description}.sql", $"-- migrate:up\n\n-- migrate:down\n"),
            ],
            _ =>
            [
                ($"{version}_{description}.up.sql", $"-- {description}\n"),
                ($"{version}_{description}.down.sql", $"-- undo {description}\n"),
            ],
        };
    }

    /// <summary>The version after <paramref name="latest"/>.</summary>
    public static string NextVersion(MigrationVersion? latest, MigrationFormat format, DateTimeOffset now)
    {
        var timestamp = now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        if (latest is null)
            return format switch { MigrationFormat.Dbmate => timestamp, MigrationFormat.Flyway => "1", _ => "0001" };

        var parts = latest.Text.Split('.');
        var last = parts[^1];
        if (parts.Length == 1 && last.Length >= TimestampDigits)
        {
            var candidate = MigrationVersion.Parse(timestamp);
            return candidate > latest ? timestamp : Increment(last);
        }
        parts[^1] = Increment(last);
        return string.Join('.', parts);
    }

    private static string Increment(string digits)
    {
        var next = (BigInteger.Parse(digits, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        return next.PadLeft(digits.Length, '0');
    }
}
