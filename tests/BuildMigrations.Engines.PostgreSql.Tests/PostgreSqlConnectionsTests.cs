using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Connections;

namespace BuildMigrations.Engines.PostgreSql.Tests;

public class PostgreSqlConnectionsTests
{
    [Theory]
    [InlineData("postgresql://app@db/shop?sslmode=bogus", "sslmode")]
    [InlineData("postgresql://app@db/shop?nonsense=1", "nonsense")]
    public void A_refused_url_parameter_is_named_with_the_drivers_reason(string url, string parameter)
    {
        var refused = Assert.Throws<DiagnosticException>(() => PostgreSqlConnections.ToConnectionString(ConnectionTarget.Resolve(url, null))).Diagnostic;
        Assert.Equal("BM5011", refused.Code);
        Assert.Contains($"the URL parameter '{parameter}' was refused (", refused.Message);
    }

    [Fact]
    public void A_known_setting_with_a_value_it_takes_is_used() =>
        Assert.Contains("SSL Mode=Require", PostgreSqlConnections.ToConnectionString(ConnectionTarget.Resolve("postgresql://app@db/shop?sslmode=require", null)));
}
