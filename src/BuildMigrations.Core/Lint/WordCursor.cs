namespace BuildMigrations.Core.Lint;

/// <summary>Reads a statement's words left to right: keywords, names, and balanced parentheses.</summary>
internal sealed class WordCursor(IReadOnlyList<SqlWord> words, int start = 0, int end = -1)
{
    private readonly int _end = end < 0 ? words.Count : end;

    public int Position { get; private set; } = start;

    public bool AtEnd => Position >= _end;

    public SqlWord? Peek(int offset = 0) => Position + offset < _end ? words[Position + offset] : null;

    /// <summary>True when the next words are <paramref name="keywords"/> (not consumed).</summary>
    public bool Sees(params string[] keywords)
    {
        for (var i = 0; i < keywords.Length; i++)
        {
            if (Peek(i) is not { } word || !word.Is(keywords[i]))
                return false;
        }
        return true;
    }

    /// <summary>Consumes <paramref name="keywords"/> when they come next.</summary>
    public bool Accept(params string[] keywords)
    {
        if (!Sees(keywords))
            return false;
        Position += keywords.Length;
        return true;
    }

    /// <summary>Consumes any of <paramref name="keywords"/>, in any order, as long as they come.</summary>
    public void SkipAny(params string[] keywords)
    {
        while (keywords.Any(k => Accept(k)))
        {
        }
    }

    public bool Accept(char punctuation)
    {
        if (Peek() is not { } word || !word.Is(punctuation))
            return false;
        Position++;
        return true;
    }

    /// <summary>Reads <c>name</c> or <c>schema.name</c> (longer paths keep their last two parts); null when no name comes.</summary>
    public ObjectName? ReadName()
    {
        if (Peek() is not { IsName: true } first)
            return null;
        Position++;
        var parts = new List<string> { first.Text };
        while (Peek() is { } dot && dot.Is('.') && Peek(1) is { IsName: true } next)
        {
            parts.Add(next.Text);
            Position += 2;
        }
        return parts.Count == 1 ? new ObjectName(null, parts[0]) : new ObjectName(parts[^2], parts[^1]);
    }

    /// <summary>Reads one name part (a column, an index).</summary>
    public string? ReadIdentifier()
    {
        if (Peek() is not { IsName: true } word)
            return null;
        Position++;
        return word.Text;
    }

    public void Skip(int count = 1) => Position = Math.Min(Position + count, _end);

    /// <summary>True when <paramref name="keyword"/> appears outside parentheses from here to the end.</summary>
    public bool HasAtTopLevel(string keyword) => TopLevelPositions().Any(i => words[i].Is(keyword));

    /// <summary>The words from here to the end, cut at commas outside parentheses (ALTER TABLE's subcommands).</summary>
    public IEnumerable<WordCursor> SplitAtTopLevelCommas()
    {
        var from = Position;
        foreach (var i in TopLevelPositions().Where(i => words[i].Is(',')))
        {
            yield return new WordCursor(words, from, i);
            from = i + 1;
        }
        if (from < _end)
            yield return new WordCursor(words, from, _end);
    }

    /// <summary>The positions of the words outside parentheses, from here to the end.</summary>
    private IEnumerable<int> TopLevelPositions()
    {
        var depth = 0;
        for (var i = Position; i < _end; i++)
        {
            if (words[i].Is('('))
                depth++;
            else if (words[i].Is(')'))
                depth--;
            else if (depth == 0)
                yield return i;
        }
    }

    /// <summary>The remaining words (for flags such as NOT NULL or DEFAULT that may come anywhere in a clause).</summary>
    public IEnumerable<SqlWord> Rest()
    {
        for (var i = Position; i < _end; i++)
            yield return words[i];
    }

    /// <summary>True when the rest holds <paramref name="first"/> followed directly by <paramref name="second"/>.</summary>
    public bool RestHasPair(string first, string second)
    {
        for (var i = Position; i + 1 < _end; i++)
        {
            if (words[i].Is(first) && words[i + 1].Is(second))
                return true;
        }
        return false;
    }
}
