namespace BuildMigrations.Core.Sql.Sqlite;

/// <summary>
/// Cuts a SQLite script into tokens just finely enough to find statement boundaries: comments,
/// strings and the three kinds of quoted identifiers each become a single token, so the semicolons
/// inside them are never seen as separators. Scanning is single-pass and linear.
/// </summary>
/// <remarks>
/// Follows SQLite's own tokenizer where it matters for splitting: <c>'...'</c>, <c>"..."</c> and
/// <c>`...`</c> escape their quote by doubling it; <c>[...]</c> has no escape and ends at the first
/// <c>]</c>; block comments do not nest; an unterminated block comment is, as in SQLite, a comment
/// running to the end of the text (SQLite accepts it silently). An unterminated string or quoted
/// identifier runs to the end of the text too, as a <see cref="TokenKind.Other"/> token, so it
/// reaches SQLite and SQLite reports the error.
/// </remarks>
internal sealed class SqliteLexer(string script) : TokenScanner(script)
{
    protected override TokenKind Scan(char current)
    {
        switch (current)
        {
            case ';':
                position++;
                return TokenKind.Semicolon;
            case '\'' or '"' or '`':
                // x'..' blob literals are covered too: their x is scanned as a word first.
                SkipQuoted(current);
                return TokenKind.Other;
            case '[':
                SkipPast(']');
                return TokenKind.Other;
            case '-' when Peek(1) == '-':
                SkipBefore('\n');
                return TokenKind.Comment;
            case '/' when Peek(1) == '*':
                position += 2;
                SkipPast("*/");
                return TokenKind.Comment;
        }

        if (IsWhitespace(current))
        {
            SkipWhile(IsWhitespace);
            return TokenKind.Whitespace;
        }

        // Numbers are words too: the splitter only compares words with keywords, and "1e5" or
        // "0x1F" must not be cut into a number and an identifier that could look like one.
        if (IsWordPart(current))
        {
            SkipWhile(IsWordPart);
            return TokenKind.Word;
        }

        position++;
        return TokenKind.Other;
    }

    private void SkipPast(char end)
    {
        int found = text.IndexOf(end, position + 1);
        position = found < 0 ? text.Length : found + 1;
    }

    private void SkipPast(string end)
    {
        int found = text.IndexOf(end, position, StringComparison.Ordinal);
        position = found < 0 ? text.Length : found + end.Length;
    }

    private void SkipBefore(char end)
    {
        int found = text.IndexOf(end, position);
        position = found < 0 ? text.Length : found;
    }

    // SQLite's whitespace: space, tab, newline, form feed and carriage return.
    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';

    // SQLite treats every non-ASCII character as part of an identifier, and '$' too.
    private static bool IsWordPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c >= '\u0080';
}
