using System.Data.Common;

namespace BuildMigrations.Engines;

/// <summary>
/// A result put after each statement of a script sent as one batch: readers pass over commands without rows, so
/// this gives the reader a stop per statement, for "statement N of M" progress and for naming the one that failed.
/// </summary>
public static class StatementMarker
{
    private const string Column = "buildmigrations_statement_done";

    /// <summary>The marker's SQL, the same on every engine.</summary>
    public const string Sql = $"SELECT NULL AS {Column}";

    /// <summary>Whether the reader's current result is a marker.</summary>
    public static bool IsCurrent(DbDataReader reader) => reader.FieldCount == 1 && reader.GetName(0) == Column;
}
