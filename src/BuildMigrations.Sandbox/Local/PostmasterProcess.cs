using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace BuildMigrations.Sandbox.Local;

/// <summary>Last-resort handling of the postmaster (the server's main process) by its pid.</summary>
internal static class PostmasterProcess
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Reads the postmaster pid from the first line of <c>postmaster.pid</c>, if the file exists.</summary>
    public static int? TryReadPid(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        try
        {
            var firstLine = File.ReadLines(pidFile).FirstOrDefault();
            return int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until the process has ended; kills it (with its children) if it has not ended by
    /// <paramref name="timeout"/>. A graceful stop has normally already happened, so this is usually instant.
    /// </summary>
    public static async Task EnsureGoneAsync(int pid, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (IsRunningPostgres(pid))
        {
            if (clock.Elapsed >= timeout)
            {
                Kill(pid);
                return;
            }

            // Polling a condition, not sleeping blindly: the postmaster is a grandchild, so there is no exit event.
            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    private static bool IsRunningPostgres(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            // A recycled pid belonging to another program must not be mistaken for (or killed as) ours.
            return !process.HasExited && process.ProcessName.StartsWith("postgres", StringComparison.Ordinal) && !IsZombie(pid);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A zombie has already exited and only waits for its parent to reap it; there is nothing to stop.</summary>
    private static bool IsZombie(int pid)
    {
        try
        {
            // /proc/PID/stat is "pid (comm) STATE ..."; comm may contain spaces, so look after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat[(stat.LastIndexOf(')') + 1)..].TrimStart();
            return afterName.StartsWith('Z');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Win32Exception)
        {
            // It ended between the check and the kill.
        }
    }
}
