using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;
using BuildMigrations.Core.Sql.MySql;

namespace BuildMigrations.Core.Sql;

/// <summary>Checks every script's statements against the rules of the bundle's engine, at build time.</summary>
public static class ScriptChecks
{
    /// <summary>The problems in <paramref name="migrations"/> for <paramref name="engine"/>; <paramref name="display"/> names files in diagnostics.</summary>
    public static IReadOnlyList<Diagnostic> Run(MigrationSet migrations, string engine, Func<string, string> display)
    {
        var diagnostics = new List<Diagnostic>();
        var dialect = SqlDialects.For(engine);
        if (dialect is null)
            return diagnostics;
        foreach (var script in migrations.Migrations.SelectMany(m => m.Scripts))
        {
            var statements = dialect.Split(script.Text);
            int SourceLine(int line) => script.SourceLine + line - 1;
            if (dialect.HasClientCommands)
            {
                foreach (var (command, line) in MySqlClientCommands.Find(statements))
                    diagnostics.Add(Problems.ClientCommand(display(script.SourcePath), SourceLine(line), command));
            }
            if (dialect.TransactionalDdl && script.Transactional)
            {
                foreach (var (statement, command) in TransactionControl.Find(statements))
                    diagnostics.Add(Problems.TransactionControl(display(script.SourcePath), SourceLine(statement.Line), command));
            }
        }
        return diagnostics;
    }
}
