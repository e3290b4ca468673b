using System.Data.Common;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;

namespace BuildMigrations.Engines.MySql;

/// <summary>MySQL and MariaDB through MySqlConnector.</summary>
public sealed class MySqlProvider : IEngineProvider
{
    public IReadOnlyList<string> Names { get; } = [Core.Model.EngineNames.MySql, Core.Model.EngineNames.MariaDb];

    public SandboxServerKind ServerKind => SandboxServerKind.MySql;

    // A server's database is never created by the tool: a missing one fails to connect (BM5009).
    public IMigrationEngine CreateEngine(ConnectionTarget target, string historyTable, bool createDatabase) => MySqlEngine.For(target, historyTable);

    public DbConnection CreateConnection(ConnectionTarget target) => new MySqlConnector.MySqlConnection(MySqlConnections.ToBuilder(target).ConnectionString);

    public IDatabaseCatalog OpenCatalog(ConnectionTarget admin) => new MySqlCatalog(admin);

    public Core.Diagnostics.Diagnostic? DescribeError(DbException error) => error switch
    {
        MySqlConnector.MySqlException { ErrorCode: MySqlConnector.MySqlErrorCode.CommandTimeoutExpired } e => DeployProblems.BookkeepingFailed(MySqlErrors.Describe(e)),
        // No SQLSTATE: the client lost the server; class 08, a shutdown or an idle session ended: the server ended it.
        MySqlConnector.MySqlException { SqlState: null } e => DeployProblems.CannotConnect(MySqlErrors.Describe(e)),
        MySqlConnector.MySqlException e when e.SqlState!.StartsWith("08", StringComparison.Ordinal)
            || e.ErrorCode is MySqlConnector.MySqlErrorCode.ServerShutdown or MySqlConnector.MySqlErrorCode.ClientInteractionTimeout or (MySqlConnector.MySqlErrorCode)ConnectionKilled
            => DeployProblems.CannotConnect(MySqlErrors.Describe(e)),
        MySqlConnector.MySqlException e => DeployProblems.BookkeepingFailed(MySqlErrors.Describe(e)),
        _ => null,
    };

    // MariaDB's ER_CONNECTION_KILLED, which MySqlConnector's list of MySQL codes does not name.
    private const int ConnectionKilled = 1927;
}
