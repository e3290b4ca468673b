using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Engines;

/// <summary>BM5xxx: deploying, rolling back and repairing. Documented in docs/diagnostics.md.</summary>
public static class DeployProblems
{
    private static Diagnostic Error(string code, string message, string? file = null, int line = 0) =>
        new(code, DiagnosticSeverity.Error, message, file, line, line > 0 ? 1 : 0);

    /// <summary>A script failed; the message says what the database now holds and the one next step that works.</summary>
    /// <summary>A migration's script failed; <paramref name="inVerify"/>: the failing statement was its verify script's, after the up.</summary>
    public static Diagnostic MigrationFailed(string? sourceFile, int line, string migration, string error, History.HistoryDirection direction, bool transactional, bool inVerify = false) =>
        Error("BM5001", $"migration {migration} failed: {error}; {NextStep(direction, transactional, inVerify)}", sourceFile, line);

    // Repair puts a failed migration back where it was before (pending, or applied for a down), and the next deploy or
    // rollback runs its script again from the start: so what ran must be undone by hand, not finished.
    private static string NextStep(History.HistoryDirection direction, bool transactional, bool inVerify) => (direction, transactional, inVerify) switch
    {
        (History.HistoryDirection.Down, true, _) =>
            "its down script was rolled back and the migration is still applied; fix the down script and roll back again",
        (History.HistoryDirection.Down, false, _) =>
            "statements of its down script before the failing one stay done and it is recorded as failed; undo them by hand, run 'dotnet migrate-bundle repair' (it is applied again), then roll back again",
        (_, true, _) =>
            "nothing of it was applied (its transaction was rolled back); fix the script and deploy again",
        (_, false, true) =>
            "its up script ran to its end outside a transaction and stays applied, and it is recorded as failed; undo the up by hand, run 'dotnet migrate-bundle repair' (it is pending again), fix the up or the verify script, then deploy again",
        _ =>
            "statements before the failing one stay applied (they ran outside a transaction) and it is recorded as failed, so deploy refuses until you undo them by hand and run 'dotnet migrate-bundle repair' (it is pending again, and the next deploy runs it from its start)",
    };

    public static Diagnostic ChecksumChanged(string migration, string applied, string bundle) =>
        Error("BM5002", $"migration {migration} was applied with checksum {applied} but the bundle has {bundle}; restore the applied script and put the change in a new migration, or run 'repair --accept-checksums' if the edit is harmless");

    public static Diagnostic NeedsRepair(string migration, string? error) =>
        Error("BM5003", $"migration {migration} failed earlier outside a transaction{(error is null ? " (or was interrupted)" : $" ({error})")}; fix the database by hand, then run 'dotnet migrate-bundle repair' and deploy again");

    public static Diagnostic OutOfOrder(string migration, string latestApplied) =>
        Error("BM5004", $"migration {migration} is pending but {latestApplied} is already applied; renumber it, or pass --allow-out-of-order to apply it anyway");

    public static Diagnostic LockTimeout(TimeSpan waited) =>
        Error("BM5005", $"another deployer held the database lock for {waited.TotalSeconds:0}s; nothing was changed; try again later or raise --lock-timeout");

    public static Diagnostic Irreversible(string migration, string reason) =>
        Error("BM5006", $"cannot roll back {migration}: it is irreversible ({reason}); choose a later --to version");

    public static Diagnostic UnknownVersion(string version) =>
        Error("BM5007", $"version {version} is not in the bundle; pass a version the bundle contains");

    public static Diagnostic UnknownRollbackTarget(string version) =>
        Error("BM5007", $"version {version} is not a migration of the bundle or the database; --to keeps the version it names, so pass one that exists, or --all to revert every migration");

    public static Diagnostic NotAVersion(string text) =>
        Error("BM5018", $"'{text}' is not a version; versions are digits, optionally dotted (0001, 20260120093000, 1.2)");

    public static Diagnostic AppliedNotInBundle(string migration) =>
        new("BM5008", DiagnosticSeverity.Warning, $"migration {migration} is applied in the database but not in this bundle (deploying an older bundle?)");

    public static Diagnostic CannotConnect(string detail) =>
        Error("BM5009", $"cannot connect to the database: {detail}; check the connection string, the server and the credentials");

    /// <summary>A database error in the tool's own statements (the history table, the lock), not in a migration's.</summary>
    public static Diagnostic BookkeepingFailed(string detail) =>
        Error("BM5034", $"the database refused the tool's own statements (the history table or the lock): {detail}; check that the database accepts writes, that the user may create and write the history table and that no other session holds it locked, then run status");

    /// <summary>The command was cancelled (Ctrl+C, SIGTERM) while it worked on the database.</summary>
    public static Diagnostic Cancelled() =>
        Error("BM5035", "cancelled (Ctrl+C or SIGTERM): what finished before stays done and recorded; a migration in progress was rolled back if it ran in a transaction, else it is recorded as running (no-transaction scripts, MySQL, MariaDB: check it, then repair); run status to see where the database is");

    /// <summary>A command that changes nothing met a database file that does not exist, and read it as empty instead of creating it.</summary>
    public static Diagnostic DatabaseFileMissing(string path) =>
        new("BM5036", DiagnosticSeverity.Warning, $"the database file {path} does not exist: read as an empty database and not created (deploy and baseline create it); check -c if it should exist");

    /// <summary>The table named as the history table exists but is not one; nothing was changed in it.</summary>
    public static Diagnostic NotAHistoryTable(string table) =>
        Error("BM5037", $"the table {table} is not a migration history table (it lacks the version, status and other history columns) and was left unchanged; pass --history-table naming the tool's history table, or a table that does not exist yet");

    public static Diagnostic EngineMismatch(string bundleEngine, string connectionEngine) =>
        Error("BM5010", $"the bundle is for {bundleEngine} but the connection is to {connectionEngine}; use a bundle built for this database");

    public static Diagnostic InvalidConnection(string detail) =>
        Error("BM5011", $"the connection is not usable: {detail}; pass a URL (postgresql://user@host:5432/db), an ADO.NET connection string, or env:NAME");

    /// <summary>A URL's query parameter the driver refused: an unknown setting, or a value the setting does not take (the driver says which).</summary>
    public static Diagnostic InvalidUrlParameter(string parameter, string driverMessage) =>
        InvalidConnection($"the URL parameter '{parameter}' was refused ({driverMessage.ReplaceLineEndings(" ").TrimEnd('.')}): it is not a connection setting, or not one of the values it takes");

    public static Diagnostic NoDownScript(string migration) =>
        Error("BM5012", $"cannot roll back {migration}: it is applied but this bundle has no down script for it; use the bundle that applied it");

    public static Diagnostic HistoryNotEmpty() =>
        Error("BM5013", "the database already has migration history; baseline only marks databases that have none");

    public static Diagnostic NoConnection() =>
        Error("BM5014", "no database given; pass -c/--connection or set MIGRATE_BUNDLE_CONNECTION");

    public static Diagnostic NothingToRollBack() =>
        new("BM5015", DiagnosticSeverity.Warning, "nothing to roll back: no applied migration is newer than the target");

    public static Diagnostic TransactionControlInBundle(string? sourceFile, int line, string migration, string command) =>
        Error("BM5017", $"migration {migration} says '{command}' in a script that runs in the tool's transaction; nothing was run. The bundle was built before this check: rebuild it (the build now reports BM1020) after removing the BEGIN/COMMIT wrapper or marking the script '-- migration: no-transaction'", sourceFile, line);

    public static Diagnostic InvalidHistoryTable(string name) =>
        Error("BM5016", $"'{name}' is not a valid history table name; use NAME or SCHEMA.NAME, each a letter or '_' then letters, digits and '_', at most 63 characters");

    // BM5030-BM5039: drift (comparing a database's schema with what its applied migrations produce).

    public static Diagnostic NothingDeployed(string historyTable) =>
        Error("BM5030", $"the database has no migration history in {historyTable}: nothing was deployed to it, so there is no expected schema to compare with; check -c and --history-table, or deploy (or baseline) first");

    public static Diagnostic AppliedMigrationMissing(string migration) =>
        Error("BM5031", $"migration {migration} is applied in the database but not in this bundle, so the schema it produced is unknown; run drift with the bundle that deployed it (or a newer one)");

    public static Diagnostic DevDatabaseUnavailable(string detail) =>
        Error("BM5032", $"no dev database for the expected schema: {detail} Pass --dev-database docker, local, or the URL (or env:NAME) of a server where databases may be created");

    /// <summary>
    /// A migration's up failed on the dev database (its <paramref name="failure"/> is BM5001, at the failing statement's
    /// line): the server's error is kept, BM5001's next step (fix and deploy again) is not, as it is about a real target.
    /// </summary>
    public static Diagnostic ExpectedSchemaFailed(Diagnostic failure, string migration, string where)
    {
        var error = failure.Message;
        var prefix = $"migration {migration} failed: ";
        if (error.StartsWith(prefix, StringComparison.Ordinal))
            error = error[prefix.Length..];
        var steps = from transactional in new[] { true, false } from inVerify in new[] { true, false } select "; " + NextStep(History.HistoryDirection.Up, transactional, inVerify);
        foreach (var step in steps)
        {
            if (error.EndsWith(step, StringComparison.Ordinal))
                error = error[..^step.Length];
        }
        return Error("BM5033", $"the expected schema could not be built: migration {migration} failed on the dev database ({where}): {error}; "
            + "if it needs something the migrations do not create (an extension, a role), provide it on the dev database's server or pass another --dev-database", failure.File, failure.Line);
    }
}
