using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Tests;

public class MigrationVersionTests
{
    [Theory]
    [InlineData("2", "10")]
    [InlineData("1.2", "1.10")]
    [InlineData("0009", "10")]
    [InlineData("1", "1.1")]
    [InlineData("20260120093000", "20260120093001")]
    [InlineData("99999999999999999999", "100000000000000000000")]
    public void Orders_numerically_part_by_part(string lower, string higher)
    {
        Assert.True(MigrationVersion.Parse(lower) < MigrationVersion.Parse(higher));
        Assert.True(MigrationVersion.Parse(higher) > MigrationVersion.Parse(lower));
    }

    [Theory]
    [InlineData("1", "0001")]
    [InlineData("1", "1.0")]
    [InlineData("1.2", "01.002")]
    public void Equal_numbers_are_equal_versions(string a, string b)
    {
        Assert.Equal(MigrationVersion.Parse(a), MigrationVersion.Parse(b));
        Assert.Equal(MigrationVersion.Parse(a).GetHashCode(), MigrationVersion.Parse(b).GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("1..2")]
    [InlineData("v1")]
    [InlineData("1_2")]
    [InlineData("١٢")] // non-ASCII digits
    public void Rejects_non_versions(string text) => Assert.Null(MigrationVersion.TryParse(text));

    [Fact]
    public void Keeps_the_text_as_written() => Assert.Equal("0007", MigrationVersion.Parse("0007").Text);

    [Fact]
    public void Sorting_a_list_puts_2_before_10()
    {
        var sorted = new[] { "10", "2", "1.10", "1.2", "1" }.Select(MigrationVersion.Parse).Order().Select(v => v.Text);
        Assert.Equal(["1", "1.2", "1.10", "2", "10"], sorted);
    }
}
