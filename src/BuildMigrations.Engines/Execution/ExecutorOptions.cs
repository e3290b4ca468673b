namespace BuildMigrations.Engines.Execution;

/// <summary>How the executor behaves.</summary>
/// <param name="LockTimeout">How long to wait for another deployer (default 5 minutes).</param>
/// <param name="AllowOutOfOrder">Apply pending migrations older than the newest applied one.</param>
/// <param name="LockPollInterval">How often to retry the lock while waiting.</param>
public sealed record ExecutorOptions(TimeSpan LockTimeout, bool AllowOutOfOrder = false, TimeSpan? LockPollInterval = null)
{
    public static ExecutorOptions Default { get; } = new(TimeSpan.FromMinutes(5));
}
