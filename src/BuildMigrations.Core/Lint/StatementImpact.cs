namespace BuildMigrations.Core.Lint;

/// <summary>What one statement of a script touches and how it locks, as plan shows it.</summary>
/// <param name="Line">The statement's line in its script.</param>
/// <param name="Statement">Its first line, shortened: enough to recognise it.</param>
/// <param name="Objects">What it touches: <c>table public.orders</c>, <c>index orders_note</c>, <c>column orders.note</c>.</param>
/// <param name="Tables">The existing tables it touches (not those created earlier in the script): their sizes matter.</param>
/// <param name="Lock">PostgreSQL: the strongest table lock mode it takes; MySQL/MariaDB: the ALTER algorithm. Null when not recognised or no lock on an existing table.</param>
/// <param name="Rewrites">True when it rewrites (or copies) a whole table.</param>
public sealed record StatementImpact(int Line, string Statement, IReadOnlyList<string> Objects, IReadOnlyList<ObjectName> Tables, string? Lock, bool Rewrites);
