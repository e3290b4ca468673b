using System.Data.Common;
using System.Globalization;
using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Engines.History;

/// <summary>
/// Whether an existing table named as the history table is one: the tool's own (perhaps made before the command column
/// was added) or another table, which the tool must neither alter nor write.
/// </summary>
public static class HistoryTableShape
{
    /// <summary>The columns every history table has had since the first version, as an SQL IN list for a catalog query.</summary>
    public const string IdentifyingColumns = "'version', 'description', 'direction', 'status', 'checksum', 'transactional', 'started_at'";

    private const int IdentifyingCount = 7;

    /// <summary>
    /// Runs an engine's catalog query for the table, which returns one row: how many of its columns are among
    /// <see cref="IdentifyingColumns"/>, how many are named <c>command</c>, and how many it has. Returns whether the
    /// command column must be added, or null when there is no such table. Throws BM5037 when the table is not a history
    /// table.
    /// </summary>
    public static async Task<bool?> NeedsCommandColumnAsync(DbCommand columnCounts, string table, CancellationToken cancellationToken)
    {
        await using var counts = await columnCounts.ExecuteReaderAsync(cancellationToken);
        await counts.ReadAsync(cancellationToken);
        long Count(int ordinal) => Convert.ToInt64(counts.GetValue(ordinal), CultureInfo.InvariantCulture);
        if (Count(2) == 0)
            return null;
        return Count(0) < IdentifyingCount ? throw new DiagnosticException(DeployProblems.NotAHistoryTable(table)) : Count(1) == 0;
    }
}
