using Xunit;

namespace BuildMigrations.Testing;

/// <summary>
/// The assembly fixture of the generated migration tests (<c>[assembly: AssemblyFixture(typeof(SandboxLease))]</c>):
/// holds the shared sandbox for the whole test run, so the proofs and the user's MigrationDatabase tests share one
/// server, and disposes it (dropping its databases, stopping its server or container, removing its files) after the
/// last test of the assembly, before the test process reports its end.
/// </summary>
public sealed class SandboxLease : IAsyncLifetime
{
    public ValueTask InitializeAsync()
    {
        SharedSandbox.Acquire();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await SharedSandbox.ReleaseAsync();
}
