using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Integrity;

/// <summary>What checking migrations.sum found, and the text to write when the file should be (re)written.</summary>
public sealed record SumCheckResult(IReadOnlyList<Diagnostic> Diagnostics, string? TextToWrite);

/// <summary>
/// The migrations.sum policy. Strict (CI): never writes, every difference is an error. Local: appends new
/// migrations silently, rewrites the file when recorded migrations changed, with a warning naming each.
/// </summary>
public static class SumCheck
{
    /// <param name="sumFile">The path of migrations.sum, as shown in diagnostics.</param>
    /// <param name="recordedText">Its current text, or null when it does not exist.</param>
    /// <param name="migrations">The folder as it is now.</param>
    /// <param name="strict">True on CI builds.</param>
    public static SumCheckResult Run(string sumFile, string? recordedText, MigrationSet migrations, bool strict)
    {
        var computed = SumFile.Compute(migrations);
        if (recordedText is null)
            return strict ? new([Problems.SumMissing(sumFile)], null) : new([], computed.Format());

        var recorded = SumFile.TryParse(recordedText, out var badLine);
        if (recorded is null)
            return new([Problems.SumMalformed(sumFile, badLine)], null);

        var mismatches = SumComparison.Compare(recorded, migrations.SourceFiles);
        if (mismatches.Count == 0)
            return new([], null);

        var severity = strict ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
        // Locally, a new file is simply recorded; only changes to recorded files deserve a warning.
        var diagnostics = mismatches
            .Where(m => strict || m.Reason != SumMismatchReason.Added)
            .Select(m => Describe(sumFile, m, severity))
            .ToList();
        return new(diagnostics, strict ? null : computed.Format());
    }

    private static Diagnostic Describe(string sumFile, SumMismatch m, DiagnosticSeverity severity) => m.Reason switch
    {
        SumMismatchReason.Added => Problems.SumNotRecorded(sumFile, m.Line, m.Path!),
        SumMismatchReason.Edited => Problems.SumEdited(sumFile, m.Line, m.Path!, severity),
        SumMismatchReason.Removed => Problems.SumRemoved(sumFile, m.Line, m.Path!, severity),
        SumMismatchReason.Reordered => Problems.SumReordered(sumFile, m.Line, m.Path!, severity),
        _ => Problems.SumTampered(sumFile, severity),
    };
}
