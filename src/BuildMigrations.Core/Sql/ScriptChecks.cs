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
        if (engine is not (EngineNames.MySql or EngineNames.MariaDb))
            return diagnostics;
        foreach (var script in migrations.Migrations.SelectMany(m => m.Scripts))
        {
            foreach (var (command, line) in MySqlClientCommands.Find(MySqlStatementSplitter.Split(script.Text)))
                diagnostics.Add(Problems.ClientCommand(display(script.SourcePath), script.SourceLine + line - 1, command));
        }
        return diagnostics;
    }
}
