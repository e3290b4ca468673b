namespace BuildMigrations.Core.Sql.MySql;

/// <summary>Lexical elements the splitter distinguishes.</summary>
internal enum TokenKind
{
    /// <summary>Keyword or unquoted identifier (also numbers; the splitter does not care).</summary>
    Word,
    /// <summary>'string', "string" or `identifier`.</summary>
    Quoted,
    /// <summary>-- comment, # comment or /* comment */: ignored for splitting and trimmed off.</summary>
    Comment,
    /// <summary>/*! ... */ or /*M! ... */: carries SQL, so it counts as statement content.</summary>
    ExecutableComment,
    /// <summary>The current delimiter.</summary>
    Delimiter,
    /// <summary>Any other single character.</summary>
    Punct,
    /// <summary>End of input.</summary>
    End,
}

/// <summary>A token: its kind and its [Start, End) range in the script.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End);

/// <summary>
/// Single-pass MySQL tokenizer. Malformed input never throws: an unterminated
/// string or comment simply runs to the end of the script.
/// </summary>
internal sealed class MySqlLexer(string script)
{
    /// <summary>Where the next token is searched from; the splitter moves it past DELIMITER lines.</summary>
    public int Position { get; set; }

    /// <summary>The current statement delimiter (changed by DELIMITER lines).</summary>
    public string Delimiter { get; set; } = ";";

    /// <summary>Reads the next token, skipping whitespace.</summary>
    public Token Next()
    {
        int i = Position;
        while (i < script.Length && char.IsWhiteSpace(script[i]))
            i++;
        if (i >= script.Length)
        {
            Position = script.Length;
            return new Token(TokenKind.End, i, i);
        }

        var (kind, end) = Scan(i);
        Position = end;
        return new Token(kind, i, end);
    }

    private (TokenKind Kind, int End) Scan(int i)
    {
        char c = script[i];
        char next = i + 1 < script.Length ? script[i + 1] : '\0';

        // Like the mysql client, the delimiter is recognised before anything else
        // outside quotes and comments (so a delimiter such as "//" wins over "/").
        if (AtDelimiter(i))
            return (TokenKind.Delimiter, i + Delimiter.Length);
        if (c is '\'' or '"')
            return (TokenKind.Quoted, SkipQuoted(i, c, backslashEscapes: true));
        if (c == '`')
            return (TokenKind.Quoted, SkipQuoted(i, c, backslashEscapes: false));
        if (c == '#')
            return (TokenKind.Comment, EndOfLine(i));
        // MySQL only treats "--" as a comment when followed by whitespace, a control
        // character or the end of input; "1--1" is arithmetic.
        if (c == '-' && next == '-' && (i + 2 >= script.Length || script[i + 2] <= ' '))
            return (TokenKind.Comment, EndOfLine(i));
        if (c == '/' && next == '*')
            return (IsExecutable(i) ? TokenKind.ExecutableComment : TokenKind.Comment, EndOfBlockComment(i));
        if (IsWordChar(c))
            return (TokenKind.Word, EndOfWord(i));
        return (TokenKind.Punct, i + 1);
    }

    private bool AtDelimiter(int i) =>
        script.AsSpan(i).StartsWith(Delimiter, StringComparison.Ordinal);

    /// <summary>
    /// Skips a quoted element. A doubled quote ('it''s') escapes the quote, keeping the element
    /// one token (this matters for DEFINER = 'o''brien'@'%'). In strings a backslash also
    /// escapes the next character; in backtick identifiers it does not.
    /// </summary>
    private int SkipQuoted(int i, char quote, bool backslashEscapes)
    {
        int j = i + 1;
        while (j < script.Length)
        {
            char c = script[j];
            if (c == '\\' && backslashEscapes)
                j += 2;
            else if (c != quote)
                j++;
            else if (j + 1 < script.Length && script[j + 1] == quote)
                j += 2;
            else
                return j + 1;
        }
        return script.Length;
    }

    private int EndOfLine(int i)
    {
        int nl = script.IndexOf('\n', i);
        return nl < 0 ? script.Length : nl;
    }

    /// <summary>MySQL block comments do not nest: the first "*/" closes.</summary>
    private int EndOfBlockComment(int i)
    {
        int close = script.IndexOf("*/", i + 2, StringComparison.Ordinal);
        return close < 0 ? script.Length : close + 2;
    }

    private bool IsExecutable(int i)
    {
        var rest = script.AsSpan(i);
        return rest.StartsWith("/*!") || rest.StartsWith("/*M!");
    }

    private int EndOfWord(int i)
    {
        // A delimiter made of identifier characters (e.g. "$$") still ends the word,
        // because the mysql client cuts at the delimiter wherever it appears.
        bool delimiterIsWordLike = IsWordChar(Delimiter[0]);
        int j = i + 1;
        while (j < script.Length && IsWordChar(script[j]) && !(delimiterIsWordLike && AtDelimiter(j)))
            j++;
        return j;
    }

    /// <summary>Characters of unquoted MySQL identifiers (non-ASCII letters included).</summary>
    public static bool IsWordChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || (c > 0x7F && !char.IsWhiteSpace(c));
}
