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
}

/// <summary>Names of <see cref="ScriptKind"/> as they appear in file names and bundle.json.</summary>
public static class ScriptKinds
{
    public static string Name(this ScriptKind kind) => kind switch
    {
        ScriptKind.Up => "up",
        ScriptKind.Down => "down",
        _ => "verify",
    };

    public static ScriptKind? FromName(string name) => name switch
    {
        "up" => ScriptKind.Up,
        "down" => ScriptKind.Down,
        "verify" => ScriptKind.Verify,
        _ => null,
    };
}
