using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Connections;

namespace BuildMigrations.Engines.MySql.Tests;

public class MySqlConnectionsTests
{
    [Theory]
    [InlineData("mariadb://app@db/shop?sslmode=bogus", "sslmode")]
    [InlineData("mariadb://app@db/shop?nonsense=1", "nonsense")]
    public void A_refused_url_parameter_is_named_with_the_drivers_reason(string url, string parameter)
    {
        var refused = Assert.Throws<DiagnosticException>(() => MySqlConnections.ToBuilder(ConnectionTarget.Resolve(url, null))).Diagnostic;
        Assert.Equal("BM5011", refused.Code);
        Assert.Contains($"the URL parameter '{parameter}' was refused (", refused.Message);
        Assert.Contains("not a connection setting, or not one of the values it takes", refused.Message);
    }

    [Fact]
    public void A_known_setting_with_a_value_it_takes_is_used() =>
        Assert.Equal(MySqlConnector.MySqlSslMode.Required, MySqlConnections.ToBuilder(ConnectionTarget.Resolve("mariadb://app@db/shop?sslmode=required", null)).SslMode);
}
