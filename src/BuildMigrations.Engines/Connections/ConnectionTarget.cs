using System.Data.Common;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;

namespace BuildMigrations.Engines.Connections;

/// <summary>
/// Where to connect, as given by <c>-c/--connection</c>: a URL (<c>postgresql://user:pass@host:5432/db</c>,
/// <c>mysql://</c>, <c>mariadb://</c>, <c>sqlite:path</c>), an ADO.NET connection string, or <c>env:NAME</c>;
/// by default the variable <c>MIGRATE_BUNDLE_CONNECTION</c>. Knows the secrets in it, so output can hide them.
/// </summary>
/// <param name="Engine">The engine the URL names, or the fallback for ADO.NET strings; null when unknown.</param>
/// <param name="Url">The parsed URL, or null for an ADO.NET connection string.</param>
/// <param name="ConnectionString">The ADO.NET connection string, or null for a URL.</param>
/// <param name="Secrets">Every text that must never be printed (passwords, raw and URL-encoded).</param>
public sealed record ConnectionTarget(string? Engine, Uri? Url, string? ConnectionString, IReadOnlyList<string> Secrets)
{
    public const string DefaultVariable = "MIGRATE_BUNDLE_CONNECTION";

    /// <summary>Resolves the option's value (or the default variable) into a target; throws BM5011/BM5014.</summary>
    public static ConnectionTarget Resolve(string? value, string? fallbackEngine, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        value ??= environment(DefaultVariable);
        if (string.IsNullOrWhiteSpace(value))
            throw new DiagnosticException(DeployProblems.NoConnection());
        if (value.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = value[4..];
            value = environment(name);
            if (string.IsNullOrWhiteSpace(value))
                throw new DiagnosticException(DeployProblems.InvalidConnection($"the environment variable {name} is not set"));
        }
        return value.Contains("://", StringComparison.Ordinal) || value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(value)
            : FromConnectionString(value, fallbackEngine);
    }

    private static ConnectionTarget FromUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url))
            throw new DiagnosticException(DeployProblems.InvalidConnection("it looks like a URL but cannot be parsed"));
        var engine = url.Scheme.ToLowerInvariant() switch
        {
            "postgresql" or "postgres" => EngineNames.PostgreSql,
            "mysql" => EngineNames.MySql,
            "mariadb" => EngineNames.MariaDb,
            "sqlite" => EngineNames.Sqlite,
            _ => throw new DiagnosticException(DeployProblems.InvalidConnection($"unknown scheme '{url.Scheme}'")),
        };
        // A '#' in a password would start the URL's fragment: the password would be cut there, and its rest shown.
        if (url.Fragment.Length > 0)
            throw new DiagnosticException(DeployProblems.InvalidConnection("a connection URL has no '#' part: write a '#' in a password or setting as %23"));
        if (engine != EngineNames.Sqlite && string.IsNullOrEmpty(url.Host))
            throw new DiagnosticException(DeployProblems.InvalidConnection($"the URL names no host: write {url.Scheme}://user:password@host:port/database"));
        var secrets = new List<string>();
        void AddSecret(string raw)
        {
            secrets.Add(raw);
            secrets.Add(Uri.UnescapeDataString(raw));
        }
        var separator = url.UserInfo.IndexOf(':');
        if (separator >= 0 && separator < url.UserInfo.Length - 1)
            AddSecret(url.UserInfo[(separator + 1)..]);
        // The drivers also take a password as a query parameter (?password=, ?Pwd=, ?sslpassword=).
        foreach (var (key, raw) in RawQuery(url))
        {
            if (IsSecretKey(Uri.UnescapeDataString(key)) && raw.Length > 0)
                AddSecret(raw);
        }
        return new ConnectionTarget(engine, url, null, secrets.Where(s => s.Length > 0).Distinct().ToList());
    }

    /// <summary>Settings whose value is a secret, in a URL's query or a connection string: any password, and Pwd.</summary>
    private static bool IsSecretKey(string key) =>
        key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase);

    /// <summary>The query's KEY=VALUE pairs as written (still percent-encoded).</summary>
    private static IEnumerable<(string Key, string Value)> RawQuery(Uri url) =>
        url.Query.Length <= 1
            ? []
            : url.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : ""));

    private static ConnectionTarget FromConnectionString(string value, string? fallbackEngine)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            throw new DiagnosticException(DeployProblems.InvalidConnection("it is neither a URL nor a KEY=VALUE; connection string"));
        }
        var secrets = builder.Keys.Cast<string>()
            .Where(IsSecretKey)
            .Select(k => builder[k]?.ToString())
            .Where(s => !string.IsNullOrEmpty(s))
            .Select(s => s!)
            .ToList();
        return new ConnectionTarget(fallbackEngine, null, value, secrets);
    }

    /// <summary>The user name in the URL, or null.</summary>
    public string? UrlUser => Url is null || Url.UserInfo.Length == 0 ? null : Uri.UnescapeDataString(Url.UserInfo.Split(':')[0]);

    /// <summary>The password in the URL, or null.</summary>
    public string? UrlPassword
    {
        get
        {
            var separator = Url?.UserInfo.IndexOf(':') ?? -1;
            return separator < 0 ? null : Uri.UnescapeDataString(Url!.UserInfo[(separator + 1)..]);
        }
    }

    /// <summary>The database in the URL's path, or null.</summary>
    public string? UrlDatabase => Url is null || Url.AbsolutePath.Length <= 1 ? null : Uri.UnescapeDataString(Url.AbsolutePath.TrimStart('/'));

    /// <summary>The URL's query parameters.</summary>
    public IReadOnlyList<(string Key, string Value)> UrlQuery =>
        Url is null ? [] : RawQuery(Url).Select(p => (Uri.UnescapeDataString(p.Key), Uri.UnescapeDataString(p.Value))).ToList();

    /// <summary>What to show people: the URL without its passwords (in the user part or the query), or "(connection string)".</summary>
    public string Display => Url is null
        ? "(connection string)"
        : new UriBuilder(Url)
        {
            Password = UrlPassword is null ? "" : "***",
            Query = string.Join("&", RawQuery(Url).Select(p => IsSecretKey(Uri.UnescapeDataString(p.Key)) ? $"{p.Key}=***" : $"{p.Key}={p.Value}")),
        }.Uri.ToString();
}
