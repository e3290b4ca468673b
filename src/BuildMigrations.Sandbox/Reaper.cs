using System.Diagnostics;

namespace BuildMigrations.Sandbox;

/// <summary>
/// Cleans up after this process however it ends. Normally the owner disposes the sandbox first (the tests' assembly
/// fixture, before the run ends); a run cut short (a test host killed by its runner) has its ProcessExit handlers
/// cut short too, and a crashed or killed one runs none: a detached shell waits for this process to be gone, then
/// stops the server or removes the container, so nothing outlives the test run.
/// </summary>
internal static class Reaper
{
    /// <summary>Runs <paramref name="cleanup"/> (POSIX shell) once this process has ended.</summary>
    public static void AfterThisProcess(string cleanup)
    {
        if (OperatingSystem.IsWindows())
            return;
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        start.ArgumentList.Add("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 0.2; done; {cleanup}");
        // The shell inherits this process's standard streams, so whoever waits for them (dotnet test) also waits
        // for the cleanup to finish.
        using var _ = Process.Start(start);
    }

    /// <summary>Quotes a path for the shell.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
