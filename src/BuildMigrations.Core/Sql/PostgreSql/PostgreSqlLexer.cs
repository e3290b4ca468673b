namespace BuildMigrations.Core.Sql.PostgreSql;

/// <summary>
/// Cuts a PostgreSQL script into tokens just finely enough to find statement boundaries:
/// comments, strings, quoted identifiers and dollar quotes each become a single token, so the
/// semicolons inside them are never seen as separators. Scanning is single-pass and linear.
/// </summary>
/// <remarks>
/// An unterminated string, quoted identifier or dollar quote runs to the end of the text.
/// An unterminated block comment does too, but is reported as <see cref="TokenKind.Other"/>
/// rather than <see cref="TokenKind.Comment"/>: it must reach the server so that the server
/// reports the error, instead of being dropped like a harmless comment.
/// </remarks>
internal sealed class PostgreSqlLexer(string script) : TokenScanner(script)
{
    protected override TokenKind Scan(char current)
    {
        switch (current)
        {
            case ';':
                position++;
                return TokenKind.Semicolon;
            case '.':
                position++;
                return TokenKind.Dot;
            case '\'':
                // Covers B'..', X'..', N'..' and U&'..' too: their prefix is scanned as a word first.
                // With standard_conforming_strings a backslash is an ordinary character here.
                SkipQuoted('\'', backslashEscapes: false);
                return TokenKind.Other;
            case '"':
                SkipQuoted('"', backslashEscapes: false);
                return TokenKind.Other;
            case '$':
                SkipDollarQuoteOrSign();
                return TokenKind.Other;
            case '-' when Peek(1) == '-':
                int newline = text.IndexOf('\n', position);
                position = newline < 0 ? text.Length : newline;
                return TokenKind.Comment;
            case '/' when Peek(1) == '*':
                return SkipBlockComment() ? TokenKind.Comment : TokenKind.Other;
        }

        if (IsWhitespace(current))
        {
            SkipWhile(IsWhitespace);
            return TokenKind.Whitespace;
        }

        if (IsIdentifierStart(current))
            return ScanWord();

        // Numbers are consumed whole so that digits never start an identifier; they may not
        // contain '$', which keeps "$1" a parameter and lets "1$$" end before a dollar quote.
        if (char.IsAsciiDigit(current))
        {
            SkipWhile(IsDollarTagPart);
            return TokenKind.Other;
        }

        position++;
        return TokenKind.Other;
    }

    private TokenKind ScanWord()
    {
        int start = position;
        SkipWhile(IsIdentifierPart);

        // A whole identifier has just been consumed, so an E here is a standalone prefix:
        // in "value'..'" the E belongs to the identifier and the string is a plain one.
        bool isEscapeStringPrefix = position - start == 1 && (text[start] is 'E' or 'e') && Peek(0) == '\'';
        if (!isEscapeStringPrefix)
            return TokenKind.Word;

        SkipQuoted('\'', backslashEscapes: true);
        return TokenKind.Other;
    }

    private void SkipDollarQuoteOrSign()
    {
        int tagEnd = position + 1;
        if (tagEnd < text.Length && IsIdentifierStart(text[tagEnd]))
        {
            while (++tagEnd < text.Length && IsDollarTagPart(text[tagEnd]))
            {
            }
        }

        if (tagEnd >= text.Length || text[tagEnd] != '$')
        {
            // A positional parameter such as $1, or a '$' that PostgreSQL will reject anyway.
            position++;
            return;
        }

        // Searching for the exact delimiter finds the same end as PostgreSQL's lexer, which
        // treats any other $tag$ inside the body as plain text.
        string delimiter = text[position..(tagEnd + 1)];
        int closing = text.IndexOf(delimiter, tagEnd + 1, StringComparison.Ordinal);
        position = closing < 0 ? text.Length : closing + delimiter.Length;
    }

    /// <summary>Skips a block comment; returns false when it is unterminated.</summary>
    private bool SkipBlockComment()
    {
        // PostgreSQL nests block comments: "/* a /* b */ c */" is one comment.
        int depth = 0;
        while (position < text.Length)
        {
            if (text[position] == '/' && Peek(1) == '*')
            {
                depth++;
                position += 2;
            }
            else if (text[position] == '*' && Peek(1) == '/')
            {
                position += 2;
                if (--depth == 0)
                    return true;
            }
            else
            {
                position++;
            }
        }

        return false;
    }

    internal static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    // PostgreSQL treats every non-ASCII character as a letter in identifiers.
    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c >= '\u0080';

    private static bool IsDollarTagPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c);

    private static bool IsIdentifierPart(char c) => IsDollarTagPart(c) || c == '$';
}
