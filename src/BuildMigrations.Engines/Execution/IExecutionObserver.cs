using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines.Execution;

/// <summary>Progress of long work, for people watching a deploy.</summary>
public interface IExecutionObserver
{
    /// <summary>Another deployer holds the lock; this one waits.</summary>
    void WaitingForLock() { }

    /// <summary>A script starts.</summary>
    void Started(string migration, HistoryDirection direction) { }

    /// <summary>A script's statement <paramref name="index"/> (0-based, of <paramref name="count"/>) starts; it begins at <paramref name="line"/> of the source file.</summary>
    void Statement(string migration, int index, int count, int line) { }

    /// <summary>A script finished (successfully or not).</summary>
    void Finished(StepResult step) { }
}

/// <summary>Observes nothing.</summary>
public sealed class NoObserver : IExecutionObserver
{
    public static NoObserver Instance { get; } = new();
}
