namespace BuildMigrations.Core.Sql;

/// <summary>
/// The walk shared by the dialects' lexers: a derived lexer scans one token from the current position, this
/// class hands the tokens out one after another. Every token is at least one character long, so a script is
/// read in one linear pass.
/// </summary>
internal abstract class TokenScanner(string script)
{
    /// <summary>The script being read.</summary>
    protected readonly string text = script;

    /// <summary>Where the next token starts; <see cref="Scan"/> moves it to the end of the token it reads.</summary>
    protected int position;

    public bool TryNext(out Token token)
    {
        if (position >= text.Length)
        {
            token = default;
            return false;
        }

        int start = position;
        TokenKind kind = Scan(text[position]);
        token = new Token(kind, start, position);
        return true;
    }

    /// <summary>Reads the token starting with <paramref name="current"/> (at <see cref="position"/>) and returns its kind.</summary>
    protected abstract TokenKind Scan(char current);

    /// <summary>
    /// Skips a quoted run where a doubled quote stands for one quote character (and, with
    /// <paramref name="backslashEscapes"/>, a backslash escapes the next character); an unterminated one runs to the end.
    /// </summary>
    protected void SkipQuoted(char quote, bool backslashEscapes = false)
    {
        position++;
        while (position < text.Length)
        {
            char current = text[position++];
            if (backslashEscapes && current == '\\')
                position++;
            else if (current == quote && Peek(0) == quote)
                position++;
            else if (current == quote)
                return;
        }

        position = text.Length;
    }

    protected void SkipWhile(Func<char, bool> predicate)
    {
        while (position < text.Length && predicate(text[position]))
            position++;
    }

    protected char Peek(int offset) =>
        position + offset < text.Length ? text[position + offset] : '\0';
}
