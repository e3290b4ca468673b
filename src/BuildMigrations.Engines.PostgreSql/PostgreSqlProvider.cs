using System.Data.Common;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;

namespace BuildMigrations.Engines.PostgreSql;

/// <summary>PostgreSQL through Npgsql.</summary>
public sealed class PostgreSqlProvider : IEngineProvider
{
    public IReadOnlyList<string> Names { get; } = [Core.Model.EngineNames.PostgreSql];

    public SandboxServerKind ServerKind => SandboxServerKind.PostgreSql;

    // A server's database is never created by the tool: a missing one fails to connect (BM5009).
    public IMigrationEngine CreateEngine(ConnectionTarget target, string historyTable, bool createDatabase) => PostgreSqlEngine.For(target, historyTable);

    public DbConnection CreateConnection(ConnectionTarget target) => new Npgsql.NpgsqlConnection(PostgreSqlConnections.ToConnectionString(target));

    public IDatabaseCatalog OpenCatalog(ConnectionTarget admin) => new PostgreSqlCatalog(admin);

    public Core.Diagnostics.Diagnostic? DescribeError(DbException error) => error switch
    {
        // FATAL and PANIC end the session (a server shutting down, a failover, idle_session_timeout), as does class 08.
        Npgsql.PostgresException e when e.InvariantSeverity is "FATAL" or "PANIC" || e.SqlState.StartsWith("08", StringComparison.Ordinal)
            => DeployProblems.CannotConnect(error.Message),
        Npgsql.PostgresException => DeployProblems.BookkeepingFailed(error.Message),
        // The tool's statement waited longer than the command timeout (behind another session's lock).
        Npgsql.NpgsqlException { InnerException: TimeoutException } => DeployProblems.BookkeepingFailed(error.Message),
        Npgsql.NpgsqlException => DeployProblems.CannotConnect(error.Message),
        _ => null,
    };
}
