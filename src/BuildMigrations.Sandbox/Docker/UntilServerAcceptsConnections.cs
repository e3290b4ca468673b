using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace BuildMigrations.Sandbox.Docker;

/// <summary>
/// Testcontainers' wait strategy for a database: ready when the engine's own driver connects, which is what the
/// tests will do next; a log line or an open port comes earlier than that on some images.
/// </summary>
internal sealed class UntilServerAcceptsConnections(DockerDatabaseSpec spec, Func<IContainer, string> url) : IWaitUntil
{
    /// <summary>Why the last attempt failed, for the message when the server never becomes ready.</summary>
    public Exception? LastError { get; private set; }

    public async Task<bool> UntilAsync(IContainer container)
    {
        try
        {
            await spec.ConnectAsync(url(container), CancellationToken.None);
            return true;
        }
        catch (Exception e)
        {
            LastError = e;
            return false;
        }
    }
}
