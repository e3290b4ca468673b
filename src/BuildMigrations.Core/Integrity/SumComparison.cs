namespace BuildMigrations.Core.Integrity;

/// <summary>Compares a recorded migrations.sum with the folder's current files.</summary>
public static class SumComparison
{
    /// <summary>
    /// Every difference, ordered by line. Each recorded line is re-checked on its own (its hash chains from
    /// the recorded previous line), so one edit is reported once, not as a cascade over every later line.
    /// </summary>
    public static IReadOnlyList<SumMismatch> Compare(SumFile recorded, IReadOnlyList<(string Path, string Sha256)> current)
    {
        var mismatches = new List<SumMismatch>();
        var currentSha = current.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        var recordedPaths = new HashSet<string>(recorded.Lines.Select(l => l.Path), StringComparer.Ordinal);

        var previous = "";
        for (var i = 0; i < recorded.Lines.Count; i++)
        {
            var line = recorded.Lines[i];
            if (!currentSha.TryGetValue(line.Path, out var sha))
                mismatches.Add(new SumMismatch(SumMismatchReason.Removed, line.Path, i + 2));
            else if (SumFile.ChainHash(previous, line.Path, sha) != line.Hash)
                mismatches.Add(new SumMismatch(SumMismatchReason.Edited, line.Path, i + 2));
            previous = line.Hash;
        }

        // Order: the files present in both must keep their recorded relative order.
        var recordedOrder = recorded.Lines.Select((l, i) => (l.Path, Line: i + 2)).Where(l => currentSha.ContainsKey(l.Path)).ToList();
        var currentOrder = current.Select(f => f.Path).Where(recordedPaths.Contains).ToList();
        for (var i = 0; i < recordedOrder.Count; i++)
        {
            if (recordedOrder[i].Path != currentOrder[i])
            {
                mismatches.Add(new SumMismatch(SumMismatchReason.Reordered, recordedOrder[i].Path, recordedOrder[i].Line));
                break;
            }
        }

        // Added files, placed at the line where they belong: after the recorded file that precedes them now.
        var lineOf = recorded.Lines.Select((l, i) => (l.Path, Line: i + 2)).ToDictionary(l => l.Path, l => l.Line, StringComparer.Ordinal);
        var insertAt = 2;
        foreach (var (path, _) in current)
        {
            if (lineOf.TryGetValue(path, out var recordedLine))
                insertAt = recordedLine + 1;
            else
                mismatches.Add(new SumMismatch(SumMismatchReason.Added, path, insertAt));
        }

        if (mismatches.Count == 0 && SumFile.TotalOf(recorded.Lines) != recorded.TotalHash)
            mismatches.Add(new SumMismatch(SumMismatchReason.Tampered, null, 1));

        return mismatches.OrderBy(m => m.Line).ThenBy(m => m.Reason).ToList();
    }
}
