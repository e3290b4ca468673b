using System.Diagnostics;

namespace BuildMigrations.Engines.Execution;

/// <summary>
/// Waits for the engine's deploy lock by polling: a deployer blocked inside a lock call would hold a snapshot,
/// and a CREATE INDEX CONCURRENTLY run by the lock holder would then wait for it forever.
/// </summary>
internal static class DeployLock
{
    public static async Task<bool> AcquireAsync(IMigrationEngine engine, ExecutorOptions options, IExecutionObserver observer, CancellationToken cancellationToken)
    {
        var interval = options.LockPollInterval ?? TimeSpan.FromMilliseconds(250);
        var waited = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            if (await engine.TryAcquireLockAsync(cancellationToken))
                return true;
            // Read the clock once: checking it and then computing a delay from it again could yield a negative delay.
            var remaining = options.LockTimeout - waited.Elapsed;
            if (remaining <= TimeSpan.Zero)
                return false;
            if (!told)
            {
                observer.WaitingForLock();
                told = true;
            }
            await Task.Delay(remaining < interval ? remaining : interval, cancellationToken);
        }
    }
}
