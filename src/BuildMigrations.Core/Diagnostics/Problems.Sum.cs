namespace BuildMigrations.Core.Diagnostics;

/// <summary>BM2xxx: migrations.sum, the integrity file of the migrations folder.</summary>
public static partial class Problems
{
    private const string UpdateSum = "run 'dotnet build' locally and commit the updated migrations.sum";

    public static Diagnostic SumMissing(string sumFile) =>
        Error("BM2001", $"migrations.sum is missing; {UpdateSum}", sumFile);

    public static Diagnostic SumNotRecorded(string sumFile, int line, string migrationFile) =>
        Error("BM2002", $"'{migrationFile}' is not recorded in migrations.sum; {UpdateSum}", sumFile, line, 1);

    public static Diagnostic SumEdited(string sumFile, int line, string migrationFile, DiagnosticSeverity severity) =>
        new("BM2003", severity, severity == DiagnosticSeverity.Error
            ? $"'{migrationFile}' changed after it was recorded; restore it, or if the change is intended, {UpdateSum}"
            : $"'{migrationFile}' changed after it was recorded; migrations.sum was rewritten, so make sure no database has applied the old version",
            sumFile, line, 1);

    public static Diagnostic SumRemoved(string sumFile, int line, string migrationFile, DiagnosticSeverity severity) =>
        new("BM2004", severity, severity == DiagnosticSeverity.Error
            ? $"'{migrationFile}' is recorded but no longer exists; restore it, or if removing it is intended, {UpdateSum}"
            : $"'{migrationFile}' was recorded but has been removed; migrations.sum was rewritten",
            sumFile, line, 1);

    public static Diagnostic SumReordered(string sumFile, int line, string migrationFile, DiagnosticSeverity severity) =>
        new("BM2005", severity, severity == DiagnosticSeverity.Error
            ? $"'{migrationFile}' is no longer in its recorded position; restore the versions, or if intended, {UpdateSum}"
            : $"'{migrationFile}' moved from its recorded position; migrations.sum was rewritten",
            sumFile, line, 1);

    public static Diagnostic SumTampered(string sumFile, DiagnosticSeverity severity) =>
        new("BM2006", severity, severity == DiagnosticSeverity.Error
            ? $"the total hash on the first line of migrations.sum does not match its lines (edited by hand?); {UpdateSum}"
            : "the total hash on the first line of migrations.sum did not match its lines; migrations.sum was rewritten",
            sumFile, 1, 1);

    public static Diagnostic SumMalformed(string sumFile, int line) =>
        Error("BM2007", "this line of migrations.sum is not '<file> h1:<hash>' (a merge conflict?); keep either side or delete the file, then run 'dotnet build' locally to rewrite it", sumFile, line, 1);
}
