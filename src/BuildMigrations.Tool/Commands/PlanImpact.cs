using BuildMigrations.Core.Lint;
using BuildMigrations.Core.Model;
using BuildMigrations.Engines;
using BuildMigrations.Engines.Schema;

namespace BuildMigrations.Tool.Commands;

/// <summary>A touched table and its live size.</summary>
internal sealed record TableImpact(string Name, long? Rows, long? Bytes);

/// <summary>One statement's impact as plan reports it: the expected lock (or algorithm), rewrite, and live sizes.</summary>
internal sealed record PlannedStatement(int Line, string Statement, IReadOnlyList<string> Objects, string? Lock, string? Algorithm, bool Rewrite, IReadOnlyList<TableImpact> Tables);

/// <summary>
/// Plan's impact preview: each statement's documented lock (PostgreSQL) or algorithm (MySQL/MariaDB) from Core,
/// with the size of each touched table read from the live database when the engine can tell it.
/// </summary>
internal sealed class PlanImpact(IMigrationEngine engine)
{
    private readonly Dictionary<string, TableSize?> _sizes = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<PlannedStatement>> AnalyzeAsync(string script, CancellationToken cancellationToken)
    {
        var mySql = engine.Name is EngineNames.MySql or EngineNames.MariaDb;
        var planned = new List<PlannedStatement>();
        foreach (var impact in ImpactAnalysis.Analyze(script, engine.Name))
        {
            var tables = new List<TableImpact>();
            foreach (var table in impact.Tables)
            {
                var size = await SizeAsync(table, cancellationToken);
                tables.Add(new TableImpact(table.ToString(), size?.Rows, size?.Bytes));
            }
            planned.Add(new PlannedStatement(impact.Line, impact.Statement, impact.Objects,
                mySql ? null : impact.Lock, mySql ? impact.Lock : null, impact.Rewrites, tables));
        }
        return planned;
    }

    private async Task<TableSize?> SizeAsync(ObjectName table, CancellationToken cancellationToken)
    {
        if (engine is not ITableSizes sizes)
            return null;
        var key = table.ToString();
        if (!_sizes.TryGetValue(key, out var size))
            _sizes[key] = size = await sizes.SizeAsync(table.Schema, table.Name, cancellationToken);
        return size;
    }

    /// <summary>The statement in words: "takes SHARE on orders (about 100,000 rows, 7.1 MB)".</summary>
    public static string Describe(PlannedStatement statement)
    {
        if (statement.Objects.Count == 0)
            return "not recognised: no lock estimate";
        var sizes = string.Join(", ", statement.Tables.Select(t => $"{t.Name}{SizeText(t)}"));
        var effect = statement.Lock is not null ? $"takes {statement.Lock} on {sizes}"
            : statement.Algorithm is not null ? $"ALGORITHM={statement.Algorithm} on {sizes}"
            : "creates new objects only";
        if (statement.Rewrite)
            effect += statement.Tables.Count == 1 ? " and rewrites it" : " and rewrites the table";
        return $"{effect}; touches {string.Join(", ", statement.Objects)}";
    }

    /// <summary>The impact <c>dotnet test</c> measured, packed or written beside the bundle, when there is one.</summary>
    public static MeasuredImpact? LoadMeasured(Sources.NuGet.SourcedBundle source, Output.Reporter reporter)
    {
        if (source.MeasuredImpact is not { } measured)
            return null;
        var (text, where) = measured;
        try
        {
            return MeasuredImpact.Parse(text);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // The expected impact is still shown; a damaged measurement must not stop a plan.
            reporter.Line($"-- ignoring {where}: it is not a measured impact file ({e.Message})");
            return null;
        }
    }

    private static string SizeText(TableImpact table) =>
        table.Rows is null && table.Bytes is null ? "" : $" (about {table.Rows?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "?"} rows, {Bytes(table.Bytes)})";

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "? bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} kB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.#} GB",
    };
}
