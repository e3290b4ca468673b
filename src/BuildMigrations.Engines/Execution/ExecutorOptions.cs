namespace BuildMigrations.Engines.Execution;

/// <summary>How the executor behaves.</summary>
/// <param name="LockTimeout">How long to wait for another deployer (default 5 minutes).</param>
/// <param name="AllowOutOfOrder">Apply pending migrations older than the newest applied one.</param>
/// <param name="LockPollInterval">How often to retry the lock while waiting.</param>
/// <param name="Verify">Run each migration's verify script right after its up (deploy --verify): in the same transaction where
/// the engine allows it, so a failing verify undoes the migration; otherwise the migration is recorded as failed.</param>
public sealed record ExecutorOptions(TimeSpan LockTimeout, bool AllowOutOfOrder = false, TimeSpan? LockPollInterval = null, bool Verify = false)
{
    public static ExecutorOptions Default { get; } = new(TimeSpan.FromMinutes(5));
}
