using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;
using BuildMigrations.Core.Sources;
using BuildMigrations.Core.Sql;

namespace BuildMigrations.Core.Lint;

/// <summary>
/// Runs the lint rules over every up and down script of a migration set: each statement is recognised, judged in
/// its context (tables created earlier in the same script are exempt, down scripts are exempt from the
/// destructive rules), and findings silenced by the script's <c>-- migration: nowarn</c> line are dropped.
/// </summary>
public static class MigrationLinter
{
    /// <summary>Whether lint has rules for <paramref name="engine"/>.</summary>
    public static bool Supports(string engine) => SqlDialects.For(engine) is not null;

    /// <summary>The BM6xxx warnings for <paramref name="migrations"/>; <paramref name="display"/> names files in diagnostics.</summary>
    public static IReadOnlyList<Diagnostic> Run(MigrationSet migrations, string engine, Func<string, string> display)
    {
        var diagnostics = new List<Diagnostic>();
        if (!Supports(engine))
            return diagnostics;
        foreach (var migration in migrations.Migrations)
        {
            foreach (var script in new[] { migration.Up, migration.Down })
            {
                if (script is not null)
                    diagnostics.AddRange(Lint(script, engine, display(script.SourcePath)));
            }
        }
        return diagnostics;
    }

    /// <summary>The findings of one script.</summary>
    public static IEnumerable<Diagnostic> Lint(MigrationScript script, string engine, string file)
    {
        // Directives were validated when the folder was read; here only the codes matter.
        var silenced = ScriptDirectives.Parse(script.Text, script.Kind, file, script.SourceLine, new List<Diagnostic>()).NoWarn;
        var created = new HashSet<string>(StringComparer.Ordinal);
        var context = new LintContext(engine, script.Kind, script.Transactional, created);
        foreach (var statement in Split(script.Text, engine))
        {
            var actions = StatementRecognizer.Recognize(statement.Text, engine);
            var line = script.SourceLine + statement.Line - 1;
            var findings = actions
                .SelectMany(action => LintRules.Check(action, context, file, line))
                .Where(d => !silenced.Contains(d.Code))
                .DistinctBy(d => (d.Code, d.Message));
            foreach (var finding in findings)
                yield return finding;
            created.UnionWith(actions.Where(a => a.Kind == SqlActionKind.CreateTable).Select(a => a.Table!.Key));
        }
    }

    /// <summary>The statements of <paramref name="text"/>, split as <paramref name="engine"/>'s server reads them.</summary>
    public static IReadOnlyList<SqlStatement> Split(string text, string engine) =>
        SqlDialects.For(engine)?.Split(text) ?? [];
}
