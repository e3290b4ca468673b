using System.ComponentModel;
using System.Diagnostics;

namespace BuildMigrations.Sandbox.Local;

/// <summary>A running mariadbd child: keeps its recent output and knows how to stop it without leaking it.</summary>
internal sealed class MariaDbServerProcess : IDisposable
{
    private const int MaxLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _recent = new();

    private MariaDbServerProcess(Process process) => _process = process;

    public int Id { get; private set; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.HasExited ? _process.ExitCode : 0;

    public static MariaDbServerProcess Start(string program, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);

        var server = new MariaDbServerProcess(new Process { StartInfo = startInfo });
        // Most diagnostics go to --log-error, but option errors before the log opens land on stderr.
        server._process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        try
        {
            server._process.Start();
        }
        catch (Win32Exception e)
        {
            server._process.Dispose();
            throw new LocalMariaDbException($"Cannot run {program}: {e.Message}", e);
        }
        server.Id = server._process.Id;
        server._process.StandardInput.Close();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>The last lines mariadbd printed on stdout/stderr.</summary>
    public string RecentOutput()
    {
        lock (_recent)
            return string.Join(Environment.NewLine, _recent);
    }

    /// <summary>
    /// SIGTERM first so InnoDB shuts down cleanly and quickly; SIGKILL if it is still alive after
    /// <paramref name="grace"/>. Never throws.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
            return;
        // Process.Kill sends SIGKILL; the BCL has no SIGTERM, so ask the kill utility.
        if (MariaDbBinaries.KillUtility is { } kill)
        {
            try
            {
                await MariaDbProcess.RunAsync(kill, ["-TERM", Id.ToString()], grace, CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (LocalMariaDbException)
            {
                // Fall through to the hard kill below.
            }
        }
        if (await ExitedWithinAsync(grace).ConfigureAwait(false))
            return;
        ProcessRunner.KillQuietly(_process);
        await ExitedWithinAsync(grace).ConfigureAwait(false);
    }

    /// <summary>Releases the process handle; call <see cref="StopAsync"/> first.</summary>
    public void Dispose() => _process.Dispose();

    private async Task<bool> ExitedWithinAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return _process.HasExited;
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
            return;
        lock (_recent)
        {
            _recent.Enqueue(line);
            if (_recent.Count > MaxLines)
                _recent.Dequeue();
        }
    }
}
