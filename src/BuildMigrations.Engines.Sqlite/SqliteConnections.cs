using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Connections;
using Microsoft.Data.Sqlite;

namespace BuildMigrations.Engines.Sqlite;

/// <summary>A database file and the Microsoft.Data.Sqlite connection string that opens it.</summary>
/// <param name="ConnectionString">Opens <paramref name="FilePath"/>, creating it if missing; no pooling (one session, files closed on disposal).</param>
/// <param name="FilePath">The database file's full path: the deploy lock file lives beside it.</param>
/// <param name="BusyTimeout">How long a statement waits for another connection's write lock before failing.</param>
public sealed record SqliteDatabase(string ConnectionString, string FilePath, TimeSpan BusyTimeout);

/// <summary>Database files from connection targets: <c>sqlite:PATH</c> URLs and ADO.NET strings (<c>Data Source=PATH</c>).</summary>
public static class SqliteConnections
{
    private const string Scheme = "sqlite:";

    /// <summary>
    /// <c>sqlite:app.db</c>, <c>sqlite:./data/app.db</c> and <c>sqlite:../app.db</c> are relative to the current folder;
    /// <c>sqlite:/abs/app.db</c> and <c>sqlite:///abs/app.db</c> are absolute; <c>sqlite://data/app.db</c> is relative,
    /// as in golang-migrate. Percent-escapes are decoded; query parameters (<c>?Default Timeout=60</c>) are connection
    /// keywords. The path is read from the text as given, so no URL normalization touches it. Throws BM5011 for
    /// in-memory databases (nothing to deploy to), unknown keywords and a password (no encryption).
    /// </summary>
    public static SqliteDatabase ToDatabase(ConnectionTarget target)
    {
        var builder = target.Url is null ? Parse(target.ConnectionString!) : FromUrl(target.Url.OriginalString);
        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            throw new DiagnosticException(DeployProblems.InvalidConnection("a SQLite migration target must be a database file path (sqlite:PATH or Data Source=PATH)"));
        if (!string.IsNullOrEmpty(builder.Password))
            throw new DiagnosticException(DeployProblems.InvalidConnection("the SQLite library the tool carries has no encryption, so a Password cannot open a database; remove it (for an encrypted file, decrypt it first)"));
        var filePath = Path.GetFullPath(dataSource);
        builder.DataSource = filePath;
        builder.Pooling = false;
        return new SqliteDatabase(builder.ConnectionString, filePath, TimeSpan.FromSeconds(builder.DefaultTimeout));
    }

    /// <summary>The path a <c>sqlite:</c> URL names, relative paths resolved against the current folder.</summary>
    public static string PathOf(Uri url)
    {
        var (path, _) = SplitUrl(url.OriginalString);
        return Path.GetFullPath(path);
    }

    private static SqliteConnectionStringBuilder FromUrl(string url)
    {
        var (path, query) = SplitUrl(url);
        var builder = new SqliteConnectionStringBuilder { DataSource = path };
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            try
            {
                builder[key] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new DiagnosticException(DeployProblems.InvalidConnection($"the URL parameter '{key}' is not a SQLite connection setting"));
            }
        }
        return builder;
    }

    private static (string Path, string Query) SplitUrl(string url)
    {
        var rest = url[Scheme.Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
            rest = rest[2..]; // sqlite:///abs -> /abs; sqlite://rel/app.db -> rel/app.db
        var question = rest.IndexOf('?');
        var (path, query) = question < 0 ? (rest, "") : (rest[..question], rest[(question + 1)..]);
        return (Uri.UnescapeDataString(path), query);
    }

    private static SqliteConnectionStringBuilder Parse(string connectionString)
    {
        try
        {
            return new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new DiagnosticException(DeployProblems.InvalidConnection($"it is not a SQLite connection string ({e.Message})"));
        }
    }
}
