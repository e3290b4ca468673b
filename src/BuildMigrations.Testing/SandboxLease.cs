using Xunit;

namespace BuildMigrations.Testing;

/// <summary>
/// The class fixture of the generated migration tests: holds the shared sandbox for as long as they run, and
/// disposes it (dropping its databases, stopping its server) when they are done, before the test run ends.
/// </summary>
public sealed class SandboxLease : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        SharedSandbox.Acquire();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => SharedSandbox.ReleaseAsync();
}
