namespace BuildMigrations.Core.Sql;

/// <summary>What the splitters need to know of a token; each dialect's lexer uses the kinds that matter to it.</summary>
internal enum TokenKind
{
    Whitespace,
    Comment,
    Word,
    Semicolon,

    /// <summary>A <c>.</c> (PostgreSQL: after it even a reserved word is a name).</summary>
    Dot,
    Other,
}

/// <summary>A token of the script: its kind and its <c>[Start, End)</c> range of characters.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End);
