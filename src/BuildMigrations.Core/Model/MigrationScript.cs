namespace BuildMigrations.Core.Model;

/// <summary>
/// One normalized script of a migration.
/// </summary>
/// <param name="Kind">Up, down or verify.</param>
/// <param name="SourcePath">The file it came from, relative to the migrations folder, with '/' separators.</param>
/// <param name="SourceLine">The line of <paramref name="SourcePath"/> where <paramref name="Text"/> starts
/// (1 for a whole file; later for a dbmate section), so errors can point into the source.</param>
/// <param name="Text">The script with any BOM removed and line endings turned into LF.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of <paramref name="Text"/> in UTF-8.</param>
/// <param name="Transactional">False when the script declares <c>-- migration: no-transaction</c>.</param>
public sealed record MigrationScript(
    ScriptKind Kind,
    string SourcePath,
    int SourceLine,
    string Text,
    string Sha256,
    bool Transactional);
