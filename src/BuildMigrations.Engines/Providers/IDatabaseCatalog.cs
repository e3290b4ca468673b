namespace BuildMigrations.Engines.Providers;

/// <summary>
/// The databases of one server (or, for SQLite, one folder), reached through an administrator connection: what the
/// sandboxes need to hand out throwaway databases.
/// </summary>
public interface IDatabaseCatalog
{
    /// <summary>True when <see cref="CreateAsync"/> can copy a template (PostgreSQL, SQLite); otherwise callers replay migrations.</summary>
    bool CanCopy { get; }

    /// <summary>Succeeds once the server accepts connections; throws the driver's error otherwise (for readiness polling).</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Creates an empty database, or a copy of <paramref name="template"/> (which has no open connections).</summary>
    Task CreateAsync(string name, string? template, CancellationToken cancellationToken);

    /// <summary>Drops a database; no error when it does not exist.</summary>
    Task DropAsync(string name, CancellationToken cancellationToken);

    /// <summary>A connection URL (with credentials) for database <paramref name="name"/>.</summary>
    string UrlFor(string name);
}
