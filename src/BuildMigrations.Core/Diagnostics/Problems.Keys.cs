namespace BuildMigrations.Core.Diagnostics;

/// <summary>BM4xxx: keys and arguments.</summary>
public static partial class Problems
{
    public static Diagnostic KeyUnreadable(string keyFile, string detail) =>
        Error("BM4001", $"cannot use the key '{keyFile}': {detail}; pass a PEM file written by 'dotnet migrate-bundle keygen'", keyFile);

    public static Diagnostic KeyNotEcdsaP256(string keyFile) =>
        Error("BM4002", "the key is not an unencrypted ECDSA P-256 PEM key; create one with 'dotnet migrate-bundle keygen'", keyFile);

    public static Diagnostic OutputExists(string file) =>
        Error("BM4003", $"'{file}' already exists; choose another path or delete it first", file);

    public static Diagnostic InvalidArgument(string message) =>
        Error("BM4004", message);

    public static Diagnostic Unexpected(string what) =>
        Error("BM4006", $"unexpected internal error ({what}); nothing more is known about the database's state than the output above says. This is a bug: please report it with the command you ran (without passwords)");

    /// <summary>A file or folder the command was pointed at could not be read or written (missing, a folder, no permission).</summary>
    public static Diagnostic FileUnusable(string detail) =>
        Error("BM4009", $"cannot read or write a file: {detail}; check the path (its folder must exist, and it must not be a folder) and its permissions");

    public static Diagnostic InvalidMigrationName(string name) =>
        Error("BM4005", $"'{name}' cannot be a migration description; use letters, digits, '_', '-' and '.'");
}
