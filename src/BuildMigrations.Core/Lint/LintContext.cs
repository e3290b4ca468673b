using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Lint;

/// <summary>What the rules know about the script a statement is in.</summary>
/// <param name="Engine">The bundle's engine (canonical name).</param>
/// <param name="Kind">Up or down: down scripts are exempt from the destructive rules (they undo their up).</param>
/// <param name="Transactional">Whether the script runs in a transaction.</param>
/// <param name="CreatedTables">Tables created by earlier statements of the same script (keys of <see cref="ObjectName"/>).</param>
public sealed record LintContext(string Engine, ScriptKind Kind, bool Transactional, IReadOnlySet<string> CreatedTables)
{
    public bool IsPostgreSql => Engine == EngineNames.PostgreSql;

    public bool IsMySql => Engine is EngineNames.MySql or EngineNames.MariaDb;

    /// <summary>True when <paramref name="table"/> already exists with rows and traffic (it was not created in this script).</summary>
    public bool IsExisting(ObjectName? table) => table is null || !CreatedTables.Contains(table.Key);
}
