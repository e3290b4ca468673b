using System.ComponentModel;
using System.Diagnostics;

namespace BuildMigrations.Sandbox.Local;

/// <summary>Outcome of a short-lived helper process (install script, client, kill).</summary>
internal sealed record MariaDbProcessResult(string Program, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Human-readable summary for exception messages.</summary>
    public string Describe() =>
        $"{Program} exited with code {ExitCode}." +
        MariaDbText.Section("stderr", StandardError) +
        MariaDbText.Section("stdout", StandardOutput);
}

/// <summary>Runs a helper program to completion, capturing its output without risking pipe deadlocks.</summary>
internal static class MariaDbProcess
{
    public static async Task<MariaDbProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? password = null)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // so a client never waits on our terminal
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        // The client reads the password from the environment, which (unlike argv) other users cannot see.
        if (password is not null)
            startInfo.Environment["MYSQL_PWD"] = password;

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new LocalMariaDbException($"Cannot run {program}: {e.Message}", e);
        }
        process.StandardInput.Close();
        // Read both pipes concurrently from the start; a full pipe would otherwise stall the child.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            var (partialOut, partialErr) = await OutputsAsync(stdout, stderr).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new LocalMariaDbException(
                $"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0.#} s." +
                MariaDbText.Section("stderr", partialErr) + MariaDbText.Section("stdout", partialOut));
        }
        var (output, error) = await OutputsAsync(stdout, stderr).ConfigureAwait(false);
        return new MariaDbProcessResult(Path.GetFileName(program), process.ExitCode, output, error);
    }

    /// <summary>Kills a process and its children, ignoring the race where it already exited.</summary>
    public static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Vanished between the check and the signal.
        }
    }

    private static async Task<(string Output, string Error)> OutputsAsync(Task<string> stdout, Task<string> stderr)
    {
        // A grandchild that inherited the pipes could keep them open; do not wait on it forever.
        var both = Task.WhenAll(stdout, stderr);
        await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        return (Completed(stdout), Completed(stderr));
    }

    private static string Completed(Task<string> task) =>
        task.IsCompletedSuccessfully ? task.Result : "";
}
