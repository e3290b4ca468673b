using System.Text.RegularExpressions;
using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Engines;

/// <summary>The history table: <c>NAME</c> or <c>SCHEMA.NAME</c>, plain identifiers only (they are put into SQL).</summary>
public sealed record HistoryTableName(string? Schema, string Table)
{
    private static readonly Regex Identifier = new(@"^[A-Za-z_][A-Za-z0-9_]{0,62}\z", RegexOptions.CultureInvariant);

    /// <summary>The table name used when none is given.</summary>
    public const string DefaultTable = "migration_history";

    /// <summary>Parses <paramref name="text"/>; throws BM5016 when it is not a plain (optionally qualified) identifier.</summary>
    public static HistoryTableName Parse(string text, string? defaultSchema)
    {
        var parts = text.Split('.');
        if (parts.Length > 2 || !parts.All(Identifier.IsMatch))
            throw new DiagnosticException(DeployProblems.InvalidHistoryTable(text));
        return parts.Length == 2 ? new HistoryTableName(parts[0], parts[1]) : new HistoryTableName(defaultSchema, parts[0]);
    }

    public override string ToString() => Schema is null ? Table : $"{Schema}.{Table}";
}
