using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;
using BuildMigrations.Tool.Output;

namespace BuildMigrations.Tool.Commands;

/// <summary>
/// A server's session opened while the bundle is read and verified: connecting (TCP, TLS, authentication, the
/// server starting a session) is much of a small deploy's time, most of all across a network, and need not wait
/// for the bundle. The tool runs nothing on it until the bundle is accepted; a refused bundle closes it unused.
/// </summary>
/// <remarks>
/// Only a connection that names its engine (a URL) to a server is opened ahead: an ADO.NET string's engine comes
/// from the bundle, and opening a file database (SQLite) would create a missing file for a bundle then refused.
/// </remarks>
internal sealed class SessionAhead : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly Task<IMigrationEngine> _opening;
    private bool _taken;

    private SessionAhead(CancellationTokenSource cancel, Task<IMigrationEngine> opening)
    {
        _cancel = cancel;
        _opening = opening;
    }

    /// <summary>Starts opening <paramref name="connection"/> when it can be opened ahead; null otherwise.</summary>
    public static SessionAhead? Start(string? connection, string historyTable, CancellationToken cancellationToken)
    {
        ConnectionTarget target;
        try
        {
            target = ConnectionTarget.Resolve(connection, fallbackEngine: null);
        }
        catch (DiagnosticException)
        {
            // Reported in its turn, after the bundle, as without a session ahead.
            return null;
        }
        if (KnownEngines.Registry.Find(target.Engine) is not { ServerKind: not SandboxServerKind.File })
            return null;
        Secrets.Add(target.Secrets);
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // On a worker: a driver's set-up before its first wait would otherwise hold up the bundle's reading.
        return new SessionAhead(cancel, Task.Run(() => KnownEngines.Registry.OpenEngineAsync(target, historyTable, cancel.Token), cancel.Token));
    }

    /// <summary>The opened engine, now the caller's; a failure to connect is thrown here, after the bundle was accepted.</summary>
    public Task<IMigrationEngine> TakeAsync()
    {
        _taken = true;
        return _opening;
    }

    /// <summary>Closes a session never taken (the bundle or an option was refused), whatever became of its opening.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_taken)
        {
            _cancel.Cancel();
            try
            {
                await (await _opening).DisposeAsync();
            }
            catch (Exception)
            {
                // The refusal that abandoned it is the error to report.
            }
        }
        _cancel.Dispose();
    }
}
