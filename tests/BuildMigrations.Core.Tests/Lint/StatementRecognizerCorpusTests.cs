using BuildMigrations.Core.Lint;
using BuildMigrations.Core.Model;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Core.Tests.Lint;

/// <summary>
/// The recogniser on every statement of the real corpora: the DDL forms it claims to know are all recognised, and
/// the names it reads are names from the statement, never keywords swallowed by a missed clause.
/// </summary>
public class StatementRecognizerCorpusTests
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "IF", "NOT", "EXISTS", "ONLY", "TABLE", "INDEX", "ON", "COLUMN", "CONSTRAINT", "CONCURRENTLY", "ADD", "DROP", "ALTER", "TO", "USING", "SET", "WHERE",
    };

    [CorpusFact("mattermost/postgres")]
    public void Mattermost_postgres() => Check("mattermost/postgres", EngineNames.PostgreSql);

    [CorpusFact("authelia/postgres")]
    public void Authelia_postgres() => Check("authelia/postgres", EngineNames.PostgreSql);

    [CorpusFact("authelia/mysql")]
    public void Authelia_mysql() => Check("authelia/mysql", EngineNames.MySql);

    [CorpusFact("authelia/sqlite")]
    public void Authelia_sqlite() => Check("authelia/sqlite", EngineNames.Sqlite);

    private static void Check(string corpus, string engine)
    {
        var checkedStatements = 0;
        foreach (var file in Directory.GetFiles(Corpora.Folder(corpus), "*.sql"))
        {
            foreach (var statement in MigrationLinter.Split(File.ReadAllText(file).Replace("\r\n", "\n"), engine))
            {
                var words = StatementWords.Read(statement.Text, engine);
                var actions = StatementRecognizer.Recognize(words);
                var where = $"{Path.GetFileName(file)}({statement.Line}): {statement.Text[..Math.Min(80, statement.Text.Length)]}";
                if (StartsWith(words, "ALTER", "TABLE") || StartsWith(words, "CREATE", "TABLE") || StartsWith(words, "DROP", "TABLE")
                    || words.Take(3).Any(w => w.Is("INDEX")) || StartsWith(words, "RENAME", "TABLE"))
                {
                    Assert.True(actions.Count > 0, $"not recognised: {where}");
                    checkedStatements++;
                }
                foreach (var action in actions)
                {
                    var names = new[] { action.Table?.Name, action.Object, action.NewName }.Where(n => n is not null);
                    Assert.All(names, name => Assert.False(Keywords.Contains(name!), $"keyword '{name}' read as a name in {where}"));
                    Assert.All(names, name => Assert.Contains(name!, statement.Text, StringComparison.OrdinalIgnoreCase));
                }
            }
        }
        Assert.True(checkedStatements > 20, $"only {checkedStatements} DDL statements found in {corpus}");
    }

    private static bool StartsWith(IReadOnlyList<SqlWord> words, params string[] keywords) =>
        words.Count >= keywords.Length && keywords.Select((k, i) => words[i].Is(k)).All(x => x);
}
