namespace BuildMigrations.Sandbox;

/// <summary>A database that lives only for a test: its name and a URL to connect to it (with credentials).</summary>
public sealed record SandboxDatabase(string Name, string Url);

/// <summary>
/// A database server for one test run (local process, container, or an existing server), handing out fresh
/// databases. Disposing it drops every database it created and stops whatever it started.
/// </summary>
public interface IDatabaseSandbox : IAsyncDisposable
{
    /// <summary>The engine, as in bundle.json.</summary>
    string Engine { get; }

    /// <summary>What it is, for messages: "local PostgreSQL on 127.0.0.1:54012".</summary>
    string Description { get; }

    /// <summary>True when <see cref="CreateDatabaseAsync"/> can copy a template database (PostgreSQL); otherwise callers replay migrations.</summary>
    bool CanCopy { get; }

    /// <summary>A new empty database, or a copy of <paramref name="template"/> (one created by this sandbox, with no open connections).</summary>
    Task<SandboxDatabase> CreateDatabaseAsync(string? template, CancellationToken cancellationToken);

    /// <summary>Drops a database this sandbox created.</summary>
    Task DropDatabaseAsync(string name, CancellationToken cancellationToken);
}

/// <summary>No way to get a throwaway database exists; the message says how to get one.</summary>
public sealed class SandboxUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
