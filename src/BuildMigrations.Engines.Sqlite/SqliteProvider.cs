using System.Data.Common;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;

namespace BuildMigrations.Engines.Sqlite;

/// <summary>SQLite through Microsoft.Data.Sqlite: each database is a file, each sandbox a folder of them.</summary>
public sealed class SqliteProvider : IEngineProvider
{
    public IReadOnlyList<string> Names { get; } = [Core.Model.EngineNames.Sqlite];

    public SandboxServerKind ServerKind => SandboxServerKind.File;

    public IMigrationEngine CreateEngine(ConnectionTarget target, string historyTable, bool createDatabase) => SqliteEngine.For(target, historyTable, createDatabase);

    public DbConnection CreateConnection(ConnectionTarget target) => new Microsoft.Data.Sqlite.SqliteConnection(SqliteConnections.ToDatabase(target).ConnectionString);

    public IDatabaseCatalog OpenCatalog(ConnectionTarget admin) => new SqliteCatalog(admin);

    // A file has no connection to lose: a read-only, locked or full database refuses the tool's own statements.
    public Core.Diagnostics.Diagnostic? DescribeError(DbException error) =>
        error is Microsoft.Data.Sqlite.SqliteException ? DeployProblems.BookkeepingFailed(error.Message) : null;
}
