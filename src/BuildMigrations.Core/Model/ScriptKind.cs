namespace BuildMigrations.Core.Model;

/// <summary>What a script does for its migration.</summary>
public enum ScriptKind
{
    /// <summary>Applies the migration.</summary>
    Up,

    /// <summary>Reverts the migration (rollback).</summary>
    Down,

    /// <summary>Must succeed after the up script; used by tests and deploy --verify.</summary>
    Verify,

    /// <summary>Rows for the proofs: run just before the up script by <c>dotnet test</c>, never by deploy.</summary>
    Data,
}

/// <summary>Names of <see cref="ScriptKind"/> as they appear in file names and bundle.json.</summary>
public static class ScriptKinds
{
    public static string Name(this ScriptKind kind) => kind switch
    {
        ScriptKind.Up => "up",
        ScriptKind.Down => "down",
        ScriptKind.Data => "data",
        _ => "verify",
    };

    public static ScriptKind? FromName(string name) => name switch
    {
        "up" => ScriptKind.Up,
        "down" => ScriptKind.Down,
        "verify" => ScriptKind.Verify,
        "data" => ScriptKind.Data,
        _ => null,
    };
}
