using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Connections;
using Npgsql;

namespace BuildMigrations.Engines.PostgreSql;

/// <summary>Npgsql connection strings from connection targets.</summary>
public static class PostgreSqlConnections
{
    /// <summary>
    /// <c>postgresql://user:pass@host:port/db?sslmode=require</c> becomes Npgsql keywords; query parameters
    /// are passed through (libpq's <c>sslmode</c> and <c>application_name</c> map to Npgsql's names).
    /// </summary>
    public static string ToConnectionString(ConnectionTarget target)
    {
        if (target.Url is null)
            return target.ConnectionString!;
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = target.Url.Host,
            Port = target.Url.IsDefaultPort || target.Url.Port < 0 ? 5432 : target.Url.Port,
            Database = target.UrlDatabase ?? "postgres",
        };
        if (target.UrlUser is { } user)
            builder.Username = user;
        if (target.UrlPassword is { } password)
            builder.Password = password;
        foreach (var (key, value) in target.UrlQuery)
        {
            var keyword = key.ToLowerInvariant() switch
            {
                "sslmode" => "SSL Mode",
                "application_name" => "Application Name",
                "connect_timeout" => "Timeout",
                _ => key,
            };
            try
            {
                builder[keyword] = value;
            }
            catch (ArgumentException)
            {
                throw new DiagnosticException(DeployProblems.InvalidConnection($"the URL parameter '{key}' is not a connection setting"));
            }
        }
        builder.ApplicationName ??= "dotnet-migrate-bundle";
        return builder.ConnectionString;
    }
}
