using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Connections;

namespace BuildMigrations.Engines.Tests;

public class ConnectionTargetTests
{
    private static ConnectionTarget Resolve(string? value, Dictionary<string, string>? environment = null) =>
        ConnectionTarget.Resolve(value, "postgresql", name => environment?.GetValueOrDefault(name));

    [Fact]
    public void Urls_name_their_engine_and_their_password_is_a_secret()
    {
        var target = Resolve("postgresql://app:p%40ss@db.internal:6432/shop?sslmode=require");
        Assert.Equal("postgresql", target.Engine);
        Assert.Equal(("app", "p@ss", "shop"), (target.UrlUser, target.UrlPassword, target.UrlDatabase));
        Assert.Contains("p@ss", target.Secrets);
        Assert.Contains("p%40ss", target.Secrets);
        Assert.DoesNotContain("p@ss", target.Display);
        Assert.Equal([("sslmode", "require")], target.UrlQuery);
        Assert.Equal("mariadb", Resolve("mariadb://root@127.0.0.1/db").Engine);
        Assert.Equal("mysql", Resolve("mysql://root@127.0.0.1/db").Engine);
    }

    [Theory]
    [InlineData("mariadb://rv@127.0.0.1:53306/fleet?password=S3cret%2F9&ssl-mode=none", "mariadb://rv@127.0.0.1:53306/fleet?password=***&ssl-mode=none")]
    [InlineData("postgresql://app@db/shop?Pwd=S3cret%2F9", "postgresql://app@db/shop?Pwd=***")]
    [InlineData("postgresql://app:S3cret%2F9@db/shop?sslpassword=S3cret%2F9", "postgresql://app:***@db/shop?sslpassword=***")]
    public void A_password_given_as_a_query_parameter_is_a_secret_and_masked_in_the_display(string url, string display)
    {
        var target = Resolve(url);
        Assert.Contains("S3cret/9", target.Secrets);
        Assert.Contains("S3cret%2F9", target.Secrets);
        Assert.Equal(display, target.Display);
    }

    [Fact]
    public void A_url_with_a_fragment_is_refused_without_showing_it()
    {
        var refused = Assert.Throws<DiagnosticException>(() => Resolve("mariadb://rv@db/shop?password=ab#cd")).Diagnostic;
        Assert.Equal("BM5011", refused.Code);
        Assert.Contains("write a '#' in a password or setting as %23", refused.Message);
        Assert.DoesNotContain("#cd", refused.Message);
    }

    [Fact]
    public void Connection_strings_use_the_fallback_engine_and_hide_their_password()
    {
        var target = Resolve("Host=db;Username=app;Password=Secret-1;Database=shop;SSL Password=Secret-2");
        Assert.Equal("postgresql", target.Engine);
        Assert.Equal(["Secret-1", "Secret-2"], target.Secrets);
    }

    [Fact]
    public void Env_references_and_the_default_variable_are_followed()
    {
        var environment = new Dictionary<string, string> { ["DB"] = "postgresql://a@h/x", [ConnectionTarget.DefaultVariable] = "postgresql://b@h/y" };
        Assert.Equal("a", Resolve("env:DB", environment).UrlUser);
        Assert.Equal("b", Resolve(null, environment).UrlUser);
        Assert.Equal("BM5014", Assert.Throws<DiagnosticException>(() => Resolve(null)).Diagnostic.Code);
        Assert.Equal("BM5011", Assert.Throws<DiagnosticException>(() => Resolve("env:MISSING")).Diagnostic.Code);
        Assert.Equal("BM5011", Assert.Throws<DiagnosticException>(() => Resolve("oracle://x@h/db")).Diagnostic.Code);
    }

    [Theory]
    [InlineData("migration_history", null, "migration_history")]
    [InlineData("ops.history", "ops", "history")]
    public void History_table_names_parse(string text, string? schema, string table) =>
        Assert.Equal(new HistoryTableName(schema, table), HistoryTableName.Parse(text, null));

    [Theory]
    [InlineData("a.b.c")]
    [InlineData("x; DROP TABLE y")]
    [InlineData("\"quoted\"")]
    [InlineData("history\n")]
    [InlineData("a_name_of_sixty_four_characters_is_one_more_than_postgresql_take")]
    public void History_table_names_that_are_not_plain_identifiers_are_refused(string text)
    {
        var refused = Assert.Throws<DiagnosticException>(() => HistoryTableName.Parse(text, null)).Diagnostic;
        Assert.Equal("BM5016", refused.Code);
        Assert.Contains("at most 63 characters", refused.Message);
    }
}
