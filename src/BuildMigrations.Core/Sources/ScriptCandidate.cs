using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Sources;

/// <summary>A script found in a file, before the scripts of one version are paired and validated.</summary>
internal sealed record ScriptCandidate(
    MigrationVersion Version,
    string Description,
    ScriptKind Kind,
    string SourcePath,
    int SourceLine,
    string Text,
    bool ForcedNoTransaction = false);
