using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Model;

namespace BuildMigrations.Engines.History;

/// <summary>Derives each migration's status from the append-only history and the bundle.</summary>
public static class MigrationStates
{
    /// <summary>
    /// Every migration of the bundle and every version the history knows, in version order. Per version, rows
    /// are replayed oldest first: an applied up makes it applied, an applied down pending; a failure inside a
    /// transaction changed nothing, one outside (or an interrupted run) makes it failed until a repair row
    /// restores the state from before the failure. A baseline counts every version up to its own as applied.
    /// </summary>
    public static IReadOnlyList<MigrationState> Compute(BundleManifest? manifest, IReadOnlyList<HistoryRecord> history)
    {
        // Each version is parsed once: a deploy computes this for thousands of rows before it can say "nothing to do".
        var rowsByVersion = new Dictionary<MigrationVersion, List<HistoryRecord>>();
        MigrationVersion? baseline = null;
        // Rows are replayed in id order; the engines' SELECT already returns them so.
        foreach (var row in IsInIdOrder(history) ? history : history.OrderBy(r => r.Id).ToList())
        {
            var version = MigrationVersion.Parse(row.Version);
            if (row.Direction == HistoryDirection.Baseline)
            {
                if (row.Status == HistoryStatus.Applied && (baseline is null || version > baseline))
                    baseline = version;
                continue;
            }
            if (!rowsByVersion.TryGetValue(version, out var rows))
                rowsByVersion[version] = rows = [];
            rows.Add(row);
        }
        var states = new List<(MigrationVersion Version, MigrationState State)>();
        var inBundle = new HashSet<MigrationVersion>();
        foreach (var migration in manifest?.Migrations ?? [])
        {
            var version = MigrationVersion.Parse(migration.Version);
            inBundle.Add(version);
            var rows = rowsByVersion.GetValueOrDefault(version) ?? [];
            var baselined = baseline is not null && version <= baseline;
            states.Add((version, Replay(migration.Version, migration.Description, migration, rows, baselined)));
        }
        foreach (var (version, rows) in rowsByVersion)
        {
            if (inBundle.Contains(version))
                continue;
            var state = Replay(version.Text, rows[^1].Description, null, rows, baselined: false);
            if (state.Status != MigrationStatus.Pending)
                states.Add((version, state));
        }
        return states.OrderBy(s => s.Version).Select(s => s.State).ToList();
    }

    private static bool IsInIdOrder(IReadOnlyList<HistoryRecord> history)
    {
        for (var i = 1; i < history.Count; i++)
        {
            if (history[i].Id < history[i - 1].Id)
                return false;
        }
        return true;
    }

    private static MigrationState Replay(string version, string description, BundleMigration? migration, List<HistoryRecord> rows, bool baselined)
    {
        var status = baselined ? MigrationStatus.Baselined : MigrationStatus.Pending;
        string? checksum = null;
        HistoryRecord? failure = null;
        HistoryRecord? applied = null;
        (MigrationStatus Status, string? Checksum, HistoryRecord? Applied) beforeFailure = (status, null, null);

        foreach (var row in rows)
        {
            switch (row.Direction, row.Status)
            {
                case (HistoryDirection.Up, HistoryStatus.Applied):
                    (status, checksum, failure, applied) = (MigrationStatus.Applied, row.Checksum, null, row);
                    break;
                case (HistoryDirection.Down, HistoryStatus.Applied):
                    (status, checksum, failure, applied) = (MigrationStatus.Pending, null, null, null);
                    break;
                case (HistoryDirection.Repair, _):
                    if (status == MigrationStatus.Failed)
                        (status, checksum, failure, applied) = (beforeFailure.Status, beforeFailure.Checksum, null, beforeFailure.Applied);
                    if (row.Checksum is not null && status is MigrationStatus.Applied or MigrationStatus.Baselined)
                        (status, checksum, applied) = (MigrationStatus.Applied, row.Checksum, applied ?? row);
                    break;
                case (_, HistoryStatus.Failed) when row.Transactional:
                    break; // rolled back with its transaction: nothing changed
                case (_, HistoryStatus.Failed or HistoryStatus.Running):
                    if (status != MigrationStatus.Failed)
                        beforeFailure = (status, checksum, applied);
                    (status, failure) = (MigrationStatus.Failed, row);
                    break;
            }
        }

        if (migration is null && status is MigrationStatus.Applied)
            status = MigrationStatus.AppliedNotInBundle;
        else if (migration is not null && status == MigrationStatus.Applied && checksum != migration.Up.Sha256)
            status = MigrationStatus.ChecksumChanged;
        return new MigrationState(version, description, status, migration, checksum, applied, failure);
    }
}
