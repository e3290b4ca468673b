using System.Diagnostics;

namespace BuildMigrations.Sandbox;

/// <summary>
/// Cleans up after this process however it ends. Normally the owner disposes the sandbox first (the tests' assembly
/// fixture, before the run ends); a run cut short (a test host killed by its runner) has its ProcessExit handlers
/// cut short too, and a crashed or killed one runs none: a detached shell waits for this process to be gone, then
/// stops the server or removes the container, so nothing outlives the test run. When the owner cleaned up itself,
/// it dismisses the reaper, so no process of the run is left waiting.
/// </summary>
internal sealed class Reaper
{
    private readonly Process? _shell;

    private Reaper(Process? shell) => _shell = shell;

    /// <summary>Runs <paramref name="cleanup"/> (POSIX shell) once this process has ended, unless dismissed first.</summary>
    public static Reaper AfterThisProcess(string cleanup)
    {
        if (OperatingSystem.IsWindows())
            return new Reaper(null);
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        start.ArgumentList.Add("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 0.2; done; {cleanup}");
        // The shell inherits this process's standard streams, so whoever waits for them (dotnet test) also waits
        // for the cleanup to finish.
        return new Reaper(Process.Start(start));
    }

    /// <summary>The cleanup was done: stops the waiting shell (and its sleep) now.</summary>
    public void Dismiss()
    {
        if (_shell is null)
            return;
        try
        {
            if (!_shell.HasExited)
                _shell.Kill(entireProcessTree: true);
            _shell.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
        _shell.Dispose();
    }

    /// <summary>Quotes a path for the shell.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
