using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Core.Sources;

/// <summary>How migration files are named and split into up/down/verify scripts.</summary>
public enum MigrationFormat
{
    /// <summary><c>&lt;version&gt;_&lt;description&gt;.&lt;up|down|verify&gt;.sql</c> (also golang-migrate's).</summary>
    UpDown,

    /// <summary><c>V1__x.sql</c> and <c>U1__x.sql</c>.</summary>
    Flyway,

    /// <summary>One <c>&lt;version&gt;_&lt;description&gt;.sql</c> with <c>-- migrate:up</c> / <c>-- migrate:down</c> sections.</summary>
    Dbmate,
}

/// <summary>Parses MigrationsFormat values.</summary>
public static class MigrationFormats
{
    /// <summary>The format named <paramref name="name"/> (empty means updown), or null with a BM1013 diagnostic.</summary>
    public static MigrationFormat? Parse(string? name, out Diagnostic? problem)
    {
        problem = null;
        switch ((name ?? "").Trim().ToLowerInvariant())
        {
            case "":
            case "updown":
                return MigrationFormat.UpDown;
            case "flyway":
                return MigrationFormat.Flyway;
            case "dbmate":
                return MigrationFormat.Dbmate;
            default:
                problem = Problems.UnknownFormat(name!);
                return null;
        }
    }
}
