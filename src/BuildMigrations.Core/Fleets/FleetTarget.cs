namespace BuildMigrations.Core.Fleets;

/// <summary>One target of a fleet deploy: a line of the targets file.</summary>
/// <param name="Line">Its 1-based line in the file: stable across shards, so reports and logs can name it.</param>
/// <param name="Connection">The trimmed line: a URL, an ADO.NET connection string or <c>env:NAME</c> (may hold a password).</param>
public sealed record FleetTarget(int Line, string Connection);
