using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Lint;

/// <summary>
/// Which BM6xxx diagnostics a recognised action raises, by engine and context. The messages (object, risk,
/// safe form) live in <see cref="Problems"/>, one method per code.
/// </summary>
public static class LintRules
{
    /// <summary>The findings for <paramref name="action"/> at <paramref name="file"/>(<paramref name="line"/>).</summary>
    public static IEnumerable<Diagnostic> Check(SqlAction action, LintContext context, string file, int line)
    {
        // Mistakes that fail whatever table the statement is on.
        if (action.Concurrently && context.Transactional && context.IsPostgreSql)
        {
            var statement = action.Kind switch { SqlActionKind.DropIndex => "DROP INDEX", SqlActionKind.Reindex => "REINDEX", _ => "CREATE INDEX" };
            yield return Problems.LintConcurrentlyInTransaction(file, line, statement);
        }
        // A table made earlier in this script has no rows and no traffic yet: nothing here can hurt it.
        if (!context.IsExisting(action.Table))
            yield break;

        // VACUUM FULL and CLUSTER without a table work on every table of the database.
        var table = action.Table?.ToString() ?? "every table";
        var item = action.Object ?? "(unnamed)";
        var destructiveAllowed = context.Kind == ScriptKind.Up;
        switch (action.Kind)
        {
            case SqlActionKind.DropTable when destructiveAllowed:
                yield return Problems.LintDropTable(file, line, table);
                break;
            case SqlActionKind.DropColumn when destructiveAllowed:
                yield return Problems.LintDropColumn(file, line, table, item);
                break;
            case SqlActionKind.DropSchema when destructiveAllowed:
                yield return Problems.LintDropSchema(file, line, table);
                break;
            case SqlActionKind.Truncate when destructiveAllowed:
                yield return Problems.LintTruncate(file, line, table);
                break;
            case SqlActionKind.DeleteAll when destructiveAllowed:
                yield return Problems.LintDeleteWithoutWhere(file, line, table);
                break;
            case SqlActionKind.UpdateAll when destructiveAllowed:
                yield return Problems.LintUpdateWithoutWhere(file, line, table);
                break;
            case SqlActionKind.RenameTable:
                yield return Problems.LintRenameTable(file, line, table, action.NewName);
                break;
            case SqlActionKind.RenameColumn:
                yield return Problems.LintRenameColumn(file, line, table, item, action.NewName);
                break;
            case SqlActionKind.ChangeColumnType:
                yield return Problems.LintColumnTypeChange(file, line, table, item);
                if (context.IsPostgreSql)
                    yield return Problems.LintTypeChangeRewrites(file, line, table, item);
                break;
            case SqlActionKind.AddColumn:
                if (action.NotNull && !action.HasDefault)
                    yield return Problems.LintAddNotNullColumnWithoutDefault(file, line, table, item);
                if (action.VolatileDefault && context.IsPostgreSql)
                    yield return Problems.LintVolatileDefault(file, line, table, item);
                break;
            case SqlActionKind.SetNotNull when context.IsPostgreSql:
                yield return Problems.LintSetNotNull(file, line, table, item);
                break;
            case SqlActionKind.CreateIndex:
                if (action.Unique)
                    yield return Problems.LintNewUnique(file, line, table, $"index {item}");
                if (!action.Concurrently && context.IsPostgreSql)
                    yield return Problems.LintIndexWithoutConcurrently(file, line, table, item);
                break;
            case SqlActionKind.AddUnique or SqlActionKind.AddPrimaryKey when !action.UsingIndex:
                yield return Problems.LintNewUnique(file, line, table,
                    action.Kind == SqlActionKind.AddPrimaryKey ? "primary key" : $"constraint {action.Object ?? ""}".TrimEnd());
                break;
            case SqlActionKind.AddForeignKey when context.IsPostgreSql && !action.NotValid:
                yield return Problems.LintForeignKeyWithoutNotValid(file, line, table, item);
                break;
            case SqlActionKind.AddCheck when context.IsPostgreSql && !action.NotValid:
                yield return Problems.LintCheckWithoutNotValid(file, line, table, item);
                break;
            case SqlActionKind.VacuumFull:
                yield return Problems.LintVacuumFull(file, line, table);
                break;
            case SqlActionKind.Cluster:
                yield return Problems.LintCluster(file, line, table);
                break;
            case SqlActionKind.Reindex when !action.Concurrently:
                yield return Problems.LintReindexWithoutConcurrently(file, line, $"{action.Object} {action.Table}".TrimEnd());
                break;
            // A down script's DROP INDEX removes the index its own up created.
            case SqlActionKind.DropIndex when context.IsPostgreSql && !action.Concurrently && destructiveAllowed:
                yield return Problems.LintDropIndexWithoutConcurrently(file, line, item);
                break;
        }
        if (context.IsMySql && MySqlAlgorithms.CopyReason(action) is { } why)
            yield return Problems.LintMySqlTableCopy(file, line, table, why);
    }
}
