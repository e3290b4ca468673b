using BuildMigrations.Core.Model;
using BuildMigrations.Core.Sql.MySql;
using BuildMigrations.Core.Sql.PostgreSql;

namespace BuildMigrations.Core.Sql;

/// <summary>What the build knows about an engine's SQL: how to split it, and which checks apply.</summary>
/// <param name="Split">Splits a script into statements as the engine reads it.</param>
/// <param name="TransactionalDdl">True when a migration runs in one transaction with its history row.</param>
/// <param name="HasClientCommands">True when scripts come from a world of command-line clients (mysql) whose commands must be refused.</param>
public sealed record SqlDialect(Func<string, IReadOnlyList<SqlStatement>> Split, bool TransactionalDdl, bool HasClientCommands);

/// <summary>The SQL dialect of each engine name.</summary>
public static class SqlDialects
{
    private static readonly SqlDialect PostgreSqlDialect = new(PostgreSqlStatementSplitter.Split, TransactionalDdl: true, HasClientCommands: false);
    private static readonly SqlDialect SqliteDialect = new(Sqlite.SqliteStatementSplitter.Split, TransactionalDdl: true, HasClientCommands: false);
    private static readonly SqlDialect MySqlDialect = new(MySqlStatementSplitter.Split, TransactionalDdl: false, HasClientCommands: true);

    /// <summary>The dialect of <paramref name="engine"/>, or null for an engine the build has no checks for.</summary>
    public static SqlDialect? For(string engine) => engine switch
    {
        EngineNames.PostgreSql => PostgreSqlDialect,
        EngineNames.MySql or EngineNames.MariaDb => MySqlDialect,
        EngineNames.Sqlite => SqliteDialect,
        _ => null,
    };
}
