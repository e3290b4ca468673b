using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Connections;
using MySqlConnector;

namespace BuildMigrations.Engines.MySql;

/// <summary>MySqlConnector connection strings from connection targets.</summary>
public static class MySqlConnections
{
    /// <summary>
    /// <c>mysql://user:pass@host:3306/db?sslmode=required</c> (or <c>mariadb://</c>, or an ADO.NET string) becomes
    /// MySqlConnector settings. A deploy needs a database (it holds the history table, and every migration starts in
    /// it); administrative sessions (creating throwaway databases) pass <paramref name="requireDatabase"/> false.
    /// </summary>
    public static MySqlConnectionStringBuilder ToBuilder(ConnectionTarget target, bool requireDatabase = true)
    {
        var builder = target.Url is null ? FromConnectionString(target.ConnectionString!) : FromUrl(target);
        if (requireDatabase && string.IsNullOrEmpty(builder.Database))
            throw new DiagnosticException(DeployProblems.InvalidConnection(target.Url is null
                ? "the connection string names no database: add Database=NAME"
                : "the URL names no database: add /DATABASE (mysql://user:pass@host:3306/database)"));
        // Scripts may use @variables; with this off the driver would take them for missing parameters.
        builder.AllowUserVariables = true;
        // The deploy lock belongs to the session: closing the connection must really end it, not park it in a pool.
        builder.Pooling = false;
        builder.ApplicationName ??= "dotnet-migrate-bundle";
        return builder;
    }

    private static MySqlConnectionStringBuilder FromConnectionString(string connectionString)
    {
        try
        {
            return new MySqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new DiagnosticException(DeployProblems.InvalidConnection($"the connection string is not valid for MySQL/MariaDB ({e.Message})"));
        }
    }

    private static MySqlConnectionStringBuilder FromUrl(ConnectionTarget target)
    {
        var url = target.Url!;
        var builder = new MySqlConnectionStringBuilder
        {
            Server = url.Host,
            Port = (uint)(url.IsDefaultPort || url.Port < 0 ? 3306 : url.Port),
            UserID = target.UrlUser ?? "root",
            Database = target.UrlDatabase ?? "",
        };
        if (target.UrlPassword is { } password)
            builder.Password = password;
        foreach (var (key, value) in target.UrlQuery)
        {
            var keyword = key.ToLowerInvariant() switch
            {
                "sslmode" or "ssl-mode" or "ssl_mode" => "SslMode",
                "connect_timeout" => "Connection Timeout",
                _ => key,
            };
            try
            {
                builder[keyword] = value;
            }
            catch (ArgumentException e)
            {
                throw new DiagnosticException(DeployProblems.InvalidUrlParameter(key, e.Message));
            }
        }
        return builder;
    }
}
