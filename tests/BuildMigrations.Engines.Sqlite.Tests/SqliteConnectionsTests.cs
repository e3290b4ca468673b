using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Connections;

namespace BuildMigrations.Engines.Sqlite.Tests;

/// <summary><c>sqlite:PATH</c> and <c>Data Source=PATH</c> name the right file, whatever URL parsing would make of them.</summary>
public sealed class SqliteConnectionsTests
{
    private static string FileOf(string value) => SqliteConnections.ToDatabase(ConnectionTarget.Resolve(value, "sqlite")).FilePath;

    [Theory]
    [InlineData("sqlite:app.db", "app.db")]
    [InlineData("sqlite:./data/app.db", "data/app.db")]
    [InlineData("sqlite:../up/app.db", "../up/app.db")]
    [InlineData("sqlite:data/../app.db", "app.db")]
    [InlineData("sqlite://data/App.db", "data/App.db")]
    [InlineData("sqlite:my%20folder/app.db", "my folder/app.db")]
    [InlineData("Data Source=data/app.db", "data/app.db")]
    [InlineData("Data Source=app.db;Default Timeout=5", "app.db")]
    public void Relative_paths_are_relative_to_the_current_folder(string value, string relative) =>
        Assert.Equal(Path.GetFullPath(relative), FileOf(value));

    [Fact]
    public void Absolute_paths_work_with_one_or_three_slashes()
    {
        var absolute = Path.Combine(Path.GetTempPath(), "x", "app.db");
        Assert.Equal(absolute, FileOf("sqlite:" + absolute));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(absolute, FileOf("sqlite://" + absolute));
    }

    [Fact]
    public void Sqlite_urls_name_the_sqlite_engine() => Assert.Equal("sqlite", ConnectionTarget.Resolve("sqlite:app.db", "postgresql").Engine);

    [Fact]
    public void Url_parameters_are_connection_settings()
    {
        var database = SqliteConnections.ToDatabase(ConnectionTarget.Resolve("sqlite:app.db?Default%20Timeout=7", null));
        Assert.Equal(TimeSpan.FromSeconds(7), database.BusyTimeout);
        Assert.Equal(Path.GetFullPath("app.db"), database.FilePath);
        Assert.Equal("BM5011", Assert.Throws<DiagnosticException>(() => FileOf("sqlite:app.db?nonsense=1")).Diagnostic.Code);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=x;Mode=Memory")]
    [InlineData("Data Source=file:app.db?mode=rwc")]
    public void In_memory_and_uri_databases_are_refused(string value) =>
        Assert.Equal("BM5011", Assert.Throws<DiagnosticException>(() => FileOf(value)).Diagnostic.Code);

    [Theory]
    [InlineData("Data Source=app.db;Password=secret")]
    [InlineData("sqlite:app.db?Password=secret")]
    public void A_password_is_refused_as_the_bundled_SQLite_cannot_decrypt_and_is_not_echoed(string value)
    {
        var refused = Assert.Throws<DiagnosticException>(() => FileOf(value)).Diagnostic;
        Assert.Equal("BM5011", refused.Code);
        Assert.Contains("has no encryption", refused.Message);
        Assert.DoesNotContain("secret", refused.Message);
    }

    [Fact]
    public void History_tables_live_in_main() =>
        Assert.Equal("BM5016", Assert.Throws<DiagnosticException>(() => SqliteEngine.For(ConnectionTarget.Resolve("sqlite:app.db", null), "ops.history")).Diagnostic.Code);
}
