namespace BuildMigrations.Engines.History;

/// <summary>How much of each history row a read returns.</summary>
public enum HistoryDetail
{
    /// <summary>Every column: the audit trail.</summary>
    Full,

    /// <summary>
    /// Only what a migration's state is derived from (<see cref="HistoryColumns.ForStates"/>); the audit columns
    /// (who, where, which bundle, when it finished) are null. Deploy, rollback and status read this: a long history
    /// is mostly audit text they never show.
    /// </summary>
    States,
}
