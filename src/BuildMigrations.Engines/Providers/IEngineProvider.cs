using System.Data.Common;
using BuildMigrations.Engines.Connections;

namespace BuildMigrations.Engines.Providers;

/// <summary>
/// Everything about one database that the shells (the tool, the sandboxes, the test library) need, behind one
/// small object: engines over the driver, connection parsing, and the sandbox hooks. Shells look providers up in
/// <see cref="EngineRegistry"/> by engine name and never switch on names or reach into an engine's internals.
/// </summary>
/// <remarks>
/// Adding an engine is one package with one provider and one line in the registry's list; the conformance suite
/// (tests/BuildMigrations.Engines.Conformance) then runs on it like on every other engine.
/// </remarks>
public interface IEngineProvider
{
    /// <summary>The engine names it serves, as in bundle.json and <c>MigrationsEngine</c> (<c>mysql</c> and <c>mariadb</c> share one).</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>How the sandbox gets a server for it (a server process, a container, or a file).</summary>
    SandboxServerKind ServerKind { get; }

    /// <summary>
    /// An engine for <paramref name="target"/> (not yet opened) keeping history in <paramref name="historyTable"/>;
    /// it also implements <see cref="Schema.ISchemaSnapshots"/>. Throws BM5011 when the target is unusable.
    /// <paramref name="createDatabase"/> false: a database that does not exist is read as empty, never created
    /// (servers' databases are never created by an engine; a SQLite file would be).
    /// </summary>
    IMigrationEngine CreateEngine(ConnectionTarget target, string historyTable, bool createDatabase);

    /// <summary>A plain driver connection (not opened) to <paramref name="target"/>, for users' own test queries.</summary>
    DbConnection CreateConnection(ConnectionTarget target);

    /// <summary>The sandbox hooks: creating, copying and dropping databases through an administrator target.</summary>
    IDatabaseCatalog OpenCatalog(ConnectionTarget admin);

    /// <summary>
    /// What an error of this engine's driver outside any migration means: a connection lost or ended by the server
    /// (BM5009), or the tool's own statements (history table, lock) failing (BM5034); null for another driver's error.
    /// </summary>
    Core.Diagnostics.Diagnostic? DescribeError(DbException error);
}

/// <summary>What kind of server a throwaway database of an engine lives on.</summary>
public enum SandboxServerKind
{
    /// <summary>A PostgreSQL server (local binaries, a container, or an existing server).</summary>
    PostgreSql,

    /// <summary>A MySQL or MariaDB server (local mariadbd, a container, or an existing server).</summary>
    MySql,

    /// <summary>No server: each database is a file (SQLite).</summary>
    File,
}
