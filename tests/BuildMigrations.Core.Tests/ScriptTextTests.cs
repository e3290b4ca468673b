using System.Text;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Core.Tests;

public class ScriptTextTests
{
    [Fact]
    public void Bom_and_crlf_give_the_same_text_and_checksum_as_lf()
    {
        var lf = Encoding.UTF8.GetBytes("CREATE TABLE a (id int);\nSELECT 1;\n");
        var crlfBom = Encoding.UTF8.Preamble.ToArray().Concat(Encoding.UTF8.GetBytes("CREATE TABLE a (id int);\r\nSELECT 1;\r\n")).ToArray();
        var cr = Encoding.UTF8.GetBytes("CREATE TABLE a (id int);\rSELECT 1;\r");

        var expected = ScriptText.TryDecode(lf, out _)!;
        Assert.Equal(expected, ScriptText.TryDecode(crlfBom, out _));
        Assert.Equal(expected, ScriptText.TryDecode(cr, out _));
        Assert.Equal(ScriptText.Sha256(expected), ScriptText.Sha256(ScriptText.TryDecode(crlfBom, out _)!));
    }

    [Fact]
    public void Checksum_is_sha256_of_the_utf8_text() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ScriptText.Sha256("abc"));

    [Fact]
    public void Invalid_utf8_reports_the_line_of_the_bad_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("SELECT 1;\nSELECT 2;\nSELECT '").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("';\n")).ToArray();
        Assert.Null(ScriptText.TryDecode(bytes, out var line));
        Assert.Equal(3, line);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("  \n\n", true)]
    [InlineData("-- nothing to undo\n", true)]
    [InlineData("/* block\n comment */ ;\n-- and a line", true)]
    [InlineData("-- comment\nDROP TABLE a;", false)]
    [InlineData("/* unterminated", true)]
    public void Recognizes_scripts_that_do_nothing(string text, bool empty) => Assert.Equal(empty, SqlText.IsEffectivelyEmpty(text));
}
