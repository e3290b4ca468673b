using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Diagnostics;

/// <summary>
/// The diagnostics catalog: one named method per code, so a code means one thing everywhere.
/// Every code is documented in docs/diagnostics.md. BM1xxx: the migrations folder.
/// </summary>
public static partial class Problems
{
    private static Diagnostic Error(string code, string message, string? file = null, int line = 0, int column = 0) =>
        new(code, DiagnosticSeverity.Error, message, file, line, column);

    private static Diagnostic Warning(string code, string message, string? file = null, int line = 0, int column = 0) =>
        new(code, DiagnosticSeverity.Warning, message, file, line, column);

    private static string HowToSilence(string code) =>
        $"silence it with <NoWarn>$(NoWarn);{code}</NoWarn> or a '-- migration: nowarn {code}' line";

    public static Diagnostic MalformedFileName(string file, string expected) =>
        Error("BM1001", $"'{Path.GetFileName(file)}' is not a migration file name; rename it to {expected}", file, 1, 1);

    public static Diagnostic DuplicateVersion(string file, string version, string firstFile) =>
        Error("BM1002", $"version {version} is already used by '{Path.GetFileName(firstFile)}'; give this migration the next free version", file, 1, 1);

    public static Diagnostic MissingDown(string file) =>
        Error("BM1003", "this up script has no down script; add one, or declare '-- migration: irreversible <reason>' at the top", file, 1, 1);

    public static Diagnostic OrphanScript(string file, string kind) =>
        Error("BM1004", $"this {kind} script has no up script with the same version and description; add the up script or rename this file", file, 1, 1);

    public static Diagnostic InvalidUtf8(string file, int line) =>
        Error("BM1005", "the file is not valid UTF-8; save it as UTF-8", file, line, 1);

    public static Diagnostic UnknownDirective(string file, int line, string directive) =>
        Error("BM1006", $"unknown directive '{directive}'; use no-transaction, irreversible <reason> or nowarn BMnnnn", file, line, 1);

    public static Diagnostic EmptyScript(string file, string kind) =>
        Warning("BM1007", $"the {kind} script has no statements; if that is intended, {HowToSilence("BM1007")}", file, 1, 1);

    public static Diagnostic IrreversibleWithoutReason(string file, int line) =>
        Error("BM1008", "'irreversible' needs a reason, e.g. '-- migration: irreversible drops customer data'", file, line, 1);

    public static Diagnostic IrreversibleWithDown(string file, int line, string downFile) =>
        Error("BM1009", $"this migration is declared irreversible but has the down script '{Path.GetFileName(downFile)}'; delete one or the other", file, line, 1);

    public static Diagnostic DirectiveNotAllowedHere(string file, int line, string directive, string kind) =>
        Error("BM1010", $"'{directive}' is not allowed in a {kind} script; put it at the top of the up script", file, line, 1);

    public static Diagnostic InvalidNoWarnCode(string file, int line, string code) =>
        Error("BM1011", $"'{code}' is not a diagnostic code; write codes like BM1007", file, line, 1);

    public static Diagnostic MigrationsDirectoryMissing(string directory) =>
        Error("BM1012", $"the migrations directory '{directory}' does not exist; create it or set MigrationsDirectory", directory);

    public static Diagnostic UnknownFormat(string format) =>
        Error("BM1013", $"unknown migrations format '{format}'; use updown, flyway or dbmate");

    public static Diagnostic UnsupportedRepeatable(string file) =>
        Error("BM1014", "repeatable (R__) migrations are not supported; turn this into a versioned migration", file, 1, 1);

    public static Diagnostic DbmateSectionMissing(string file) =>
        Error("BM1015", "this file has no '-- migrate:up' line; dbmate migrations start their up section with it", file, 1, 1);

    public static Diagnostic NoMigrations(string directory) =>
        Warning("BM1016", $"no migrations were found in '{directory}'; add files named like 0001_create_customers.up.sql", directory);

    public static Diagnostic UnknownEngine(string engine) =>
        Error("BM1017", $"unknown engine '{engine}'; set it to one of: {string.Join(", ", EngineNames.Known)}");

    public static Diagnostic EngineNotSet(string project) =>
        Error("BM1018", "MigrationsEngine is not set; add <MigrationsEngine>postgresql</MigrationsEngine> (or mysql, mariadb, sqlite) to the project's PropertyGroup", project);

    public static Diagnostic ClientCommand(string file, int line, string command) =>
        Error("BM1019", $"'{command}' is a command of the mysql client, not SQL: a migration never runs anything on the machine that deploys it; remove it (DELIMITER and USE are allowed)", file, line, 1);

    public static Diagnostic TransactionControl(string file, int line, string command) =>
        Error("BM1020", $"'{command}' controls the transaction this migration runs in (the tool runs it and its history row in one transaction); remove the BEGIN/COMMIT wrapper, or add '-- migration: no-transaction' if the script must manage its own transactions", file, line, 1);
}
