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
    /// <remarks>
    /// A deploy target must name its database (a URL without one would silently deploy into <c>postgres</c>);
    /// administrative sessions (sandboxes creating databases) pass <paramref name="requireDatabase"/> false and get
    /// <c>postgres</c>. Invalid values are BM5011 without the value, which may be a password.
    /// </remarks>
    public static string ToConnectionString(ConnectionTarget target, bool requireDatabase = true)
    {
        if (target.Url is null)
            return Validated(target.ConnectionString!, requireDatabase);
        if (requireDatabase && target.UrlDatabase is null)
            throw new DiagnosticException(DeployProblems.InvalidConnection("the URL names no database: add /DATABASE (postgresql://user:password@host:5432/database)"));
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
                "gssencmode" => "GSS Encryption Mode",
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
        builder.ApplicationName ??= "dotnet-migrate-bundle";
        return builder.ConnectionString;
    }

    /// <summary>
    /// The tool's own session: it reads only built-in types, so it skips loading the server's type catalog (a query
    /// per connection), and it tries no GSS encryption unless asked to (loading the Kerberos libraries to look for
    /// credentials). Connections handed to users' tests keep Npgsql's defaults.
    /// </summary>
    public static string ForMigrationSession(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Obsolete in favour of a data source per configuration; the keyword still works, and one session per
        // engine needs no data source.
#pragma warning disable CS0618
        if (!given.ContainsKey("Server Compatibility Mode") && !given.ContainsKey("ServerCompatibilityMode"))
            builder.ServerCompatibilityMode = ServerCompatibilityMode.NoTypeLoading;
#pragma warning restore CS0618
        if (!given.ContainsKey("GSS Encryption Mode") && !given.ContainsKey("GssEncryptionMode"))
            builder.GssEncryptionMode = GssEncryptionMode.Disable;
        // The engine prepares its own history insert once per session; Npgsql reuses a prepared statement for a
        // batch command only with automatic preparation on. Never for the migrations' own statements: a repeated
        // query whose tables a migration changed would fail ("cached plan must not change result type").
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            builder.MaxAutoPrepare = 1; // any positive number: the engine's own prepared statements use no slot
        if (!given.ContainsKey("Auto Prepare Min Usages") && !given.ContainsKey("AutoPrepareMinUsages"))
            builder.AutoPrepareMinUsages = int.MaxValue;
        return builder.ConnectionString;
    }

    private static string Validated(string connectionString, bool requireDatabase)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new DiagnosticException(DeployProblems.InvalidConnection($"the connection string is not valid for PostgreSQL: {KeyProblem(e)}"));
        }
        if (string.IsNullOrEmpty(builder.Host))
            throw new DiagnosticException(DeployProblems.InvalidConnection("the connection string names no Host"));
        if (requireDatabase && string.IsNullOrEmpty(builder.Database))
            throw new DiagnosticException(DeployProblems.InvalidConnection("the connection string names no Database"));
        return connectionString;
    }

    // Npgsql's own messages name the keyword ("Couldn't set port"); inner exceptions may quote the value, so they stay out.
    private static string KeyProblem(Exception e) => e is ArgumentException { ParamName: { } key } ? $"the value of '{key}' is not valid" : "a keyword or value is not valid";
}
