namespace BuildMigrations.Core.Sql;

/// <summary>One statement of a script: its text and the 1-based line of the script where it starts.</summary>
public sealed record SqlStatement(string Text, int Line);
