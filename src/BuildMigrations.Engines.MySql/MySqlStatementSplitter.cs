namespace BuildMigrations.Engines.MySql;

/// <summary>Placeholder until the real splitter lands (same commit series).</summary>
public static class MySqlStatementSplitter
{
    public static IReadOnlyList<SqlStatement> Split(string script) =>
        script.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0).Select(s => new SqlStatement(s, 1)).ToList();
}
