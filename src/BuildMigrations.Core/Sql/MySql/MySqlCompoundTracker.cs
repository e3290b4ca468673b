namespace BuildMigrations.Core.Sql.MySql;

/// <summary>
/// Follows one statement token by token to tell whether a ';' belongs to the body of a
/// stored program (CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT ... BEGIN ... END, or MariaDB's
/// anonymous BEGIN NOT ATOMIC ... END) rather than ending the statement. Only needed when a
/// script relies on ';' without DELIMITER.
/// </summary>
/// <remarks>
/// Block keywords only count where a server would read them: IF, WHILE, REPEAT, LOOP and
/// nested BEGIN at the start of a body statement (after ';', a label ':', BEGIN, THEN,
/// ELSE, DO, LOOP, REPEAT or FOR EACH ROW), so IF(...) functions, DROP ... IF EXISTS and
/// columns named begin/end are ignored. CASE always opens a block; in expression position
/// it is closed by a plain END. Mismatched closers are tolerated rather than trusted.
/// </remarks>
internal sealed class MySqlCompoundTracker(string script)
{
    private enum Header { Start, AfterCreate, AfterBegin, AfterBeginNot, Routine, NotRoutine }

    private enum Block { Begin, If, Loop, While, Repeat, CaseStatement, CaseExpression }

    private const int MaxSearch = 64; // deepest typed-closer search; real programs nest far less

    private readonly List<Block> _open = [];
    private int _closable;          // open blocks a plain END can close (BEGIN, CASE)
    private Header _header;
    private bool _skipUserPart;     // next token is the user or host of DEFINER = user@host
    private bool _atBodyStatementStart;
    private bool _afterQualifier;   // previous token was '.' or '@': the next word is a name
    private bool _pendingEnd;       // saw END; the next token tells END IF / END LOOP / plain END
    private bool _untilSeen;        // the innermost REPEAT reached UNTIL, so END REPEAT follows an expression
    private bool _singleStatementBody; // the body is e.g. RETURN ...: a later "begin" is a column name

    /// <summary>True while a ';' is inside a stored-program body and must not end the statement.</summary>
    public bool InsideBody => _header == Header.Routine && _open.Count > 0;

    /// <summary>Forgets everything: a new statement starts.</summary>
    public void Reset()
    {
        _open.Clear();
        _closable = 0;
        _header = Header.Start;
        _skipUserPart = _atBodyStatementStart = _afterQualifier = _pendingEnd = _untilSeen = _singleStatementBody = false;
    }

    /// <summary>Feeds the next significant (non-comment) token of the current statement.</summary>
    public void Feed(Token token)
    {
        var text = script.AsSpan(token.Start, token.End - token.Start);
        if (_header != Header.Routine)
            FeedHeader(token.Kind, text);
        else
            FeedBody(token.Kind, text);

        _afterQualifier = token.Kind == TokenKind.Punct && text is "." or "@";
    }

    /// <summary>
    /// Recognises CREATE [OR REPLACE] [DEFINER = user] [AGGREGATE] PROCEDURE|FUNCTION|TRIGGER|EVENT
    /// and BEGIN NOT ATOMIC. Anything else (BEGIN; BEGIN WORK; CREATE TABLE ...) is ordinary.
    /// </summary>
    private void FeedHeader(TokenKind kind, ReadOnlySpan<char> text)
    {
        bool isWord = kind == TokenKind.Word;
        switch (_header)
        {
            case Header.Start:
                _header = isWord && Is(text, "CREATE") ? Header.AfterCreate
                    : isWord && Is(text, "BEGIN") ? Header.AfterBegin
                    : Header.NotRoutine;
                return;
            case Header.AfterBegin:
                _header = isWord && Is(text, "NOT") ? Header.AfterBeginNot : Header.NotRoutine;
                return;
            case Header.AfterBeginNot:
                _header = isWord && Is(text, "ATOMIC") ? Header.Routine : Header.NotRoutine;
                if (_header == Header.Routine)
                {
                    Open(Block.Begin);
                    _atBodyStatementStart = true;
                }
                return;
            case not Header.AfterCreate:
                return;
        }

        if (_skipUserPart && kind is TokenKind.Word or TokenKind.Quoted)
            _skipUserPart = false;
        else if (kind == TokenKind.Punct && text is "=" or "@")
            _skipUserPart = true;
        else if (kind == TokenKind.Punct && text is "(" or ")")
        {
            // CURRENT_USER() as definer.
        }
        else if (kind == TokenKind.Word && IsAny(text, "OR", "REPLACE", "DEFINER", "AGGREGATE"))
        {
            // Optional header words before the object kind.
        }
        else if (kind == TokenKind.Word && IsAny(text, "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT"))
            _header = Header.Routine;
        else
            _header = Header.NotRoutine;
    }

    private void FeedBody(TokenKind kind, ReadOnlySpan<char> text)
    {
        bool isKeyword = kind == TokenKind.Word && !_afterQualifier;
        bool atStart = _atBodyStatementStart && Innermost != Block.CaseExpression;

        if (_pendingEnd)
        {
            _pendingEnd = false;
            if (isKeyword && ClosedByEnd(text) is { } block)
            {
                Close(block);
                _atBodyStatementStart = false; // a label or ';' follows END IF / END LOOP ...
                return;
            }
            Close(null);
        }

        if (isKeyword)
            OpenOrClose(text, atStart);

        _atBodyStatementStart = StartsBodyStatement(kind, text, isKeyword);
    }

    private void OpenOrClose(ReadOnlySpan<char> word, bool atStart)
    {
        if (Is(word, "BEGIN"))
        {
            // The outermost BEGIN may follow any routine characteristic (COMMENT '...', DETERMINISTIC ...).
            if (atStart || (_open.Count == 0 && !_singleStatementBody))
                Open(Block.Begin);
        }
        else if (_open.Count == 0 && (IsAny(word, "RETURN", "SELECT", "CALL")
                 || (atStart && IsAny(word, "SET", "INSERT", "UPDATE", "DELETE", "REPLACE"))))
            _singleStatementBody = true; // INSERT/UPDATE/DELETE also occur in trigger headers, hence atStart
        else if (Is(word, "CASE"))
            Open(atStart ? Block.CaseStatement : Block.CaseExpression);
        else if (atStart && Is(word, "IF"))
            Open(Block.If);
        else if (atStart && Is(word, "LOOP"))
            Open(Block.Loop);
        else if (atStart && Is(word, "WHILE"))
            Open(Block.While);
        else if (atStart && Is(word, "REPEAT"))
        {
            Open(Block.Repeat);
            _untilSeen = false;
        }
        else if (Is(word, "UNTIL") && Innermost == Block.Repeat)
            _untilSeen = true;
        else if (Is(word, "END") && _open.Count > 0
                 && (atStart || Innermost == Block.CaseExpression || (Innermost == Block.Repeat && _untilSeen)))
            _pendingEnd = true;
    }

    private static Block? ClosedByEnd(ReadOnlySpan<char> word) =>
        Is(word, "IF") ? Block.If
        : Is(word, "LOOP") ? Block.Loop
        : Is(word, "WHILE") ? Block.While
        : Is(word, "REPEAT") ? Block.Repeat
        : Is(word, "CASE") ? Block.CaseStatement
        : null;

    private void Open(Block block)
    {
        _open.Add(block);
        if (IsClosableByPlainEnd(block))
            _closable++;
    }

    /// <summary>
    /// Closes the innermost matching block (null = plain END: BEGIN or CASE), dropping any
    /// unclosed blocks above it. A closer without a match below the nearest BEGIN is ignored.
    /// </summary>
    private void Close(Block? kind)
    {
        if (kind is null && _closable == 0)
            return;
        // A plain END scan always succeeds here, so its cost is paid by the blocks it removes.
        // Typed closers (END IF ...) may fail; bounding their scan keeps hostile input linear.
        int limit = kind is null ? 0 : Math.Max(0, _open.Count - MaxSearch);
        for (int i = _open.Count - 1; i >= limit; i--)
        {
            var block = _open[i];
            bool matches = kind switch
            {
                null => IsClosableByPlainEnd(block),
                Block.CaseStatement => block is Block.CaseStatement or Block.CaseExpression,
                _ => block == kind,
            };
            if (matches)
            {
                for (int j = i; j < _open.Count; j++)
                {
                    if (IsClosableByPlainEnd(_open[j]))
                        _closable--;
                }
                _open.RemoveRange(i, _open.Count - i);
                if (block == Block.Repeat)
                    _untilSeen = false; // a CASE closed inside UNTIL keeps the REPEAT's state
                return;
            }
            if (block == Block.Begin)
                return;
        }
    }

    private static bool IsClosableByPlainEnd(Block block) =>
        block is Block.Begin or Block.CaseStatement or Block.CaseExpression;

    private Block? Innermost => _open.Count > 0 ? _open[^1] : null;

    private static bool StartsBodyStatement(TokenKind kind, ReadOnlySpan<char> text, bool isKeyword) =>
        kind switch
        {
            TokenKind.Delimiter or TokenKind.Punct => text is ";" or ":",
            TokenKind.Word => isKeyword && IsAny(text, "BEGIN", "THEN", "ELSE", "DO", "LOOP", "REPEAT", "ROW"),
            _ => false,
        };

    private static bool Is(ReadOnlySpan<char> text, string keyword) =>
        text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    private static bool IsAny(ReadOnlySpan<char> text, params ReadOnlySpan<string> keywords)
    {
        foreach (var keyword in keywords)
        {
            if (Is(text, keyword))
                return true;
        }
        return false;
    }
}
