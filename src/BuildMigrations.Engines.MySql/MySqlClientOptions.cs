using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Connections;

namespace BuildMigrations.Engines.MySql;

/// <summary>How to reach the server with the command-line client. The password never goes on a command line.</summary>
public sealed record MySqlClientOptions(string Client, string Host, int Port, string User, string? Password, string Database)
{
    /// <summary>The client program: <c>MIGRATE_BUNDLE_MYSQL_CLIENT</c>, else <c>mariadb</c>, else <c>mysql</c> on PATH.</summary>
    public static string DefaultClient(string engine)
    {
        var configured = Environment.GetEnvironmentVariable("MIGRATE_BUNDLE_MYSQL_CLIENT");
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        string[] candidates = engine == "mysql" ? ["mysql", "mariadb"] : ["mariadb", "mysql"];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return candidates.FirstOrDefault(c => path.Any(d => File.Exists(Path.Combine(d, c)))) ?? candidates[0];
    }

    /// <summary>From <c>mysql://user:pass@host:3306/db</c> or <c>mariadb://...</c>; a database is required.</summary>
    public static MySqlClientOptions From(ConnectionTarget target)
    {
        if (target.Url is null)
            throw new DiagnosticException(DeployProblems.InvalidConnection("MySQL and MariaDB take a URL: mysql://user:pass@host:3306/database"));
        var database = target.UrlDatabase ?? throw new DiagnosticException(DeployProblems.InvalidConnection("the URL names no database: add /DATABASE"));
        return new MySqlClientOptions(DefaultClient(target.Engine ?? "mariadb"), target.Url.Host,
            target.Url.IsDefaultPort || target.Url.Port < 0 ? 3306 : target.Url.Port, target.UrlUser ?? "root", target.UrlPassword, database);
    }

    /// <summary>The option file the client reads instead of a command line (and instead of any system option file).</summary>
    internal string OptionFile() =>
        $"[client]\nhost={Host}\nport={Port}\nuser={User}\nprotocol=TCP\ndefault-character-set=utf8mb4\n" + (Password is null ? "" : $"password=\"{Password.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"\n");
}
