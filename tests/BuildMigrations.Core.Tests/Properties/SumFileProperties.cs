using BuildMigrations.Core.Integrity;
using CsCheck;

namespace BuildMigrations.Core.Tests.Properties;

public class SumFileProperties
{
    private static readonly Gen<string> PathPart = Gen.Char["abcxyz019_.-"].Array[1, 8].Select(c => new string(c));

    private static readonly Gen<string> FilePath = Gen.Select(PathPart, Gen.OneOf(".up.sql", ".down.sql", ".sql", "/x.sql"), (name, suffix) => name + suffix);

    private static readonly Gen<string> Sha256 = Gen.Char["0123456789abcdef"].Array[64].Select(c => new string(c));

    /// <summary>Source files as a folder lists them: distinct paths, each with its content hash.</summary>
    private static readonly Gen<(string Path, string Sha256)[]> Files =
        Gen.Select(FilePath, Sha256).Array[0, 8].Select(files => files.DistinctBy(f => f.Item1, StringComparer.Ordinal).ToArray());

    [Fact]
    public void A_written_sum_parses_back_to_the_same_entries() =>
        Files.Sample(files =>
        {
            var sum = SumFile.Compute(files);
            var parsed = SumFile.TryParse(sum.Format(), out var badLine);
            Assert.Equal(0, badLine);
            Assert.NotNull(parsed);
            Assert.Equal(sum.TotalHash, parsed.TotalHash);
            Assert.Equal(sum.Lines, parsed.Lines);
            Assert.Equal(files.Select(f => f.Path), parsed.Lines.Select(l => l.Path));
            Assert.Empty(SumComparison.Compare(parsed, files));
        });

    /// <summary>One line of the text changed: a character replaced, the line deleted, or the line written twice.</summary>
    private static readonly Gen<Func<string[], string[]>> OneLineEdit = Gen.OneOf(
        Gen.Select(Gen.Int[0, 100], Gen.Int[0, 100], Gen.Char["aZ09+/= _.\t"], (line, column, c) => (Func<string[], string[]>)(lines =>
        {
            var i = line % lines.Length;
            var j = column % lines[i].Length;
            var edited = lines[i].ToCharArray();
            edited[j] = edited[j] == c ? (c == 'a' ? 'b' : 'a') : c;
            return [.. lines[..i], new string(edited), .. lines[(i + 1)..]];
        })),
        Gen.Int[0, 100].Select(line => (Func<string[], string[]>)(lines =>
        {
            var i = line % lines.Length;
            return [.. lines[..i], .. lines[(i + 1)..]];
        })),
        Gen.Int[0, 100].Select(line => (Func<string[], string[]>)(lines =>
        {
            var i = line % lines.Length;
            return [.. lines[..(i + 1)], lines[i], .. lines[(i + 1)..]];
        })));

    [Fact]
    public void Any_one_line_edit_is_detected() =>
        Gen.Select(Files, OneLineEdit).Sample((files, edit) =>
        {
            var lines = SumFile.Compute(files).Format().TrimEnd('\n').Split('\n');
            var text = string.Join('\n', edit(lines)) + "\n";
            var parsed = SumFile.TryParse(text, out _);
            // Detected: either the text is no longer a sum, or it no longer matches the files.
            return parsed is null || SumComparison.Compare(parsed, files).Count > 0;
        });
}
