namespace BuildMigrations.Core.Lint;

/// <summary>What a <see cref="SqlWord"/> is, as far as recognising DDL forms needs to know.</summary>
public enum SqlWordKind
{
    /// <summary>A keyword or an unquoted identifier (numbers too).</summary>
    Word,

    /// <summary>A quoted identifier (<c>"x"</c> or <c>`x`</c>), without its quotes.</summary>
    Identifier,

    /// <summary>A string or dollar-quoted literal: never a keyword, whatever it holds.</summary>
    Literal,

    /// <summary>One punctuation character: <c>( ) , . = ;</c> and the like.</summary>
    Punctuation,
}

/// <summary>One significant token of a statement (comments and white space are gone).</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">Its text; quoted identifiers without quotes.</param>
public readonly record struct SqlWord(SqlWordKind Kind, string Text)
{
    /// <summary>True when this is the unquoted keyword <paramref name="keyword"/> (any case).</summary>
    public bool Is(string keyword) => Kind == SqlWordKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when this is the punctuation character <paramref name="punctuation"/>.</summary>
    public bool Is(char punctuation) => Kind == SqlWordKind.Punctuation && Text.Length == 1 && Text[0] == punctuation;

    /// <summary>True when this can name an object (a word or a quoted identifier).</summary>
    public bool IsName => Kind is SqlWordKind.Word or SqlWordKind.Identifier;
}
