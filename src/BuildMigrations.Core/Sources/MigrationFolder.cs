using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Sources;

/// <summary>Options for reading a migrations folder.</summary>
/// <param name="Format">How files are named.</param>
/// <param name="NoWarn">Warning codes silenced for the whole project.</param>
public sealed record MigrationFolderOptions(MigrationFormat Format = MigrationFormat.UpDown, IReadOnlyCollection<string>? NoWarn = null);

/// <summary>The migrations read from a folder, and every problem found (not just the first).</summary>
public sealed record MigrationFolderResult(MigrationSet Migrations, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when no diagnostic is an error.</summary>
    public bool Succeeded => !Diagnostics.HasErrors();
}

/// <summary>Reads a migrations folder into a validated, ordered <see cref="MigrationSet"/>.</summary>
public static class MigrationFolder
{
    /// <summary>Reads <paramref name="directory"/>; diagnostics name files under it as given.</summary>
    public static MigrationFolderResult Read(string directory, MigrationFolderOptions options)
    {
        if (!Directory.Exists(directory))
            return new MigrationFolderResult(new MigrationSet([]), [Problems.MigrationsDirectoryMissing(directory)]);
        return Parse(SourceFile.ReadDirectory(directory), options, directory);
    }

    /// <summary>Parses files already in memory; <paramref name="displayRoot"/> prefixes paths in diagnostics.</summary>
    public static MigrationFolderResult Parse(IReadOnlyList<SourceFile> files, MigrationFolderOptions options, string? displayRoot = null)
    {
        var diagnostics = new List<Diagnostic>();
        var noWarnByFile = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var fileChecksums = new Dictionary<string, string>(StringComparer.Ordinal);
        var candidates = new List<ScriptCandidate>();
        // Versions with a file that could not be decoded: their other files are not orphans, just unpaired.
        var unreadable = new HashSet<MigrationVersion>();
        string Display(string relative) => displayRoot is null ? relative : Path.Join(displayRoot, relative);

        foreach (var file in files.Where(f => FileNaming.IsScriptFile(f.RelativePath)).OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            var display = Display(file.RelativePath);
            var name = FileNaming.Classify(options.Format, Path.GetFileName(file.RelativePath), display, out var namingProblem);
            if (name is null)
            {
                diagnostics.Add(namingProblem!);
                continue;
            }
            var text = ScriptText.TryDecode(file.Content, out var invalidLine);
            if (text is null)
            {
                diagnostics.Add(Problems.InvalidUtf8(display, invalidLine));
                unreadable.Add(name.Value.Version);
                continue;
            }
            fileChecksums[file.RelativePath] = ScriptText.Sha256(text);
            var (version, description, kind) = name.Value;
            if (kind is null)
                candidates.AddRange(DbmateSections.Split(version, description, file.RelativePath, display, text, diagnostics));
            else
                candidates.Add(new ScriptCandidate(version, description, kind.Value, file.RelativePath, 1, text));
        }

        var migrations = new List<Migration>();
        foreach (var group in candidates.GroupBy(c => c.Version).OrderBy(g => g.Key))
        {
            if (unreadable.Contains(group.Key))
                continue;
            var migration = Pair(group.ToList(), Display, diagnostics, noWarnByFile);
            if (migration is not null)
                migrations.Add(migration);
        }

        if (candidates.Count == 0 && diagnostics.Count == 0)
            diagnostics.Add(Problems.NoMigrations(displayRoot ?? "."));

        var kept = WithoutSilenced(diagnostics.Where(d => d.IsError || !IsSilencedInFile(d, noWarnByFile)), options.NoWarn).InReadingOrder();
        var sourceFiles = migrations
            .SelectMany(m => m.Scripts.Select(s => s.SourcePath))
            .Distinct(StringComparer.Ordinal)
            .Select(path => (path, fileChecksums[path]))
            .ToList();
        return new MigrationFolderResult(new MigrationSet(migrations) { SourceFiles = sourceFiles }, kept);
    }

    /// <summary>The diagnostics without the warnings a project silenced with NoWarn (errors always stay).</summary>
    public static IReadOnlyList<Diagnostic> WithoutSilenced(IEnumerable<Diagnostic> diagnostics, IReadOnlyCollection<string>? noWarn)
    {
        var silenced = new HashSet<string>(noWarn ?? [], StringComparer.OrdinalIgnoreCase);
        return diagnostics.Where(d => d.IsError || !silenced.Contains(d.Code)).ToList();
    }

    private static bool IsSilencedInFile(Diagnostic warning, Dictionary<string, HashSet<string>> byFile) =>
        warning.File is not null && byFile.TryGetValue(warning.File, out var codes) && codes.Contains(warning.Code);

    /// <summary>Pairs the scripts of one version into a migration, or reports why they cannot be.</summary>
    private static Migration? Pair(
        List<ScriptCandidate> scripts, Func<string, string> display, List<Diagnostic> diagnostics, Dictionary<string, HashSet<string>> noWarnByFile)
    {
        // The migration is named by its up script where there is one; any other description or a
        // second script of the same kind is a duplicate of that version.
        var owner = scripts.OrderBy(s => s.Kind != ScriptKind.Up).ThenBy(s => s.SourcePath, StringComparer.Ordinal).First();
        var chosen = new Dictionary<ScriptKind, ScriptCandidate>();
        foreach (var script in scripts.OrderBy(s => s.SourcePath, StringComparer.Ordinal).ThenBy(s => s.Kind))
        {
            if (script.Description != owner.Description || !chosen.TryAdd(script.Kind, script))
                diagnostics.Add(Problems.DuplicateVersion(display(script.SourcePath), script.Version.Text, owner.SourcePath));
        }

        if (!chosen.TryGetValue(ScriptKind.Up, out var up))
        {
            foreach (var orphan in chosen.Values)
                diagnostics.Add(Problems.OrphanScript(display(orphan.SourcePath), orphan.Kind.Name()));
            return null;
        }
        chosen.TryGetValue(ScriptKind.Down, out var down);
        chosen.TryGetValue(ScriptKind.Verify, out var verify);
        chosen.TryGetValue(ScriptKind.Data, out var data);

        var upScript = Build(up, display, diagnostics, noWarnByFile, out var upDirectives);
        var downScript = down is null ? null : Build(down, display, diagnostics, noWarnByFile, out _);
        var verifyScript = verify is null ? null : Build(verify, display, diagnostics, noWarnByFile, out _);
        var dataScript = data is null ? null : Build(data, display, diagnostics, noWarnByFile, out _);

        var reason = upDirectives.IrreversibleReason;
        if (down is null && reason is null)
            diagnostics.Add(Problems.MissingDown(display(up.SourcePath)));
        if (down is not null && reason is not null)
            diagnostics.Add(Problems.IrreversibleWithDown(display(up.SourcePath), upDirectives.IrreversibleLine, down.SourcePath));

        return new Migration(up.Version, up.Description, upScript, downScript, verifyScript, reason) { Data = dataScript };
    }

    private static MigrationScript Build(
        ScriptCandidate candidate, Func<string, string> display, List<Diagnostic> diagnostics,
        Dictionary<string, HashSet<string>> noWarnByFile, out ScriptDirectives directives)
    {
        var file = display(candidate.SourcePath);
        directives = ScriptDirectives.Parse(candidate.Text, candidate.Kind, file, candidate.SourceLine, diagnostics);
        if (!noWarnByFile.TryGetValue(file, out var codes))
            noWarnByFile[file] = codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        codes.UnionWith(directives.NoWarn);

        if (SqlText.IsEffectivelyEmpty(candidate.Text))
            diagnostics.Add(Problems.EmptyScript(file, candidate.Kind.Name()) with { Line = candidate.SourceLine });

        var transactional = !directives.NoTransaction && !candidate.ForcedNoTransaction;
        return new MigrationScript(candidate.Kind, candidate.SourcePath, candidate.SourceLine, candidate.Text,
            ScriptText.Sha256(candidate.Text), transactional);
    }
}
