using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace BuildMigrations.Sandbox.Local;

/// <summary>The outcome of one finished command.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>A multi-line summary meant for exception messages.</summary>
    public string Describe() =>
        $"`{CommandLine}` exited with code {ExitCode}.{Section("stdout", StandardOutput)}{Section("stderr", StandardError)}";

    private static string Section(string name, string text) =>
        string.IsNullOrWhiteSpace(text) ? "" : $"{Environment.NewLine}{name}:{Environment.NewLine}{text.TrimEnd()}";
}

/// <summary>Runs a command to completion, capturing its output, with a hard time limit.</summary>
internal static class ProcessRunner
{
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments (never a secret: they are visible to every user).</param>
    /// <param name="timeout">How long it may run before it is killed.</param>
    /// <param name="cancellationToken">Stops waiting and kills it.</param>
    /// <param name="environment">Extra variables, e.g. a client's password (not visible to other users, unlike arguments).</param>
    /// <param name="failure">Makes the exception for a program that cannot start or times out (default: <see cref="LocalPostgresException"/>).</param>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, Func<string, Exception?, Exception>? failure = null)
    {
        failure ??= (message, inner) => inner is null ? new LocalPostgresException(message) : new LocalPostgresException(message, inner);
        var commandLine = string.Join(' ', [fileName, .. arguments]);
        using var process = new Process { StartInfo = CreateStartInfo(fileName, arguments) };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            process.StartInfo.Environment[name] = value;
        // Redirected, so a client never waits for input on our terminal; closed right after start.
        process.StartInfo.RedirectStandardInput = true;

        // Both streams are drained by events as they arrive: reading them one after the other can
        // deadlock when the child fills the pipe we are not reading.
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw failure($"Could not run `{commandLine}`: {ex.Message}", ex);
        }

        process.StandardInput.Close();

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillQuietly(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw failure(
                $"`{commandLine}` did not finish within {timeout.TotalSeconds:0} s and was killed."
                + $"{Environment.NewLine}stdout:{Environment.NewLine}{Read(stdout)}"
                + $"{Environment.NewLine}stderr:{Environment.NewLine}{Read(stderr)}", null);
        }

        return new ProcessResult(commandLine, process.ExitCode, Read(stdout), Read(stderr));
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The caller's directory may be unreadable for the unprivileged user (e.g. /root/...),
            // which makes the PostgreSQL tools print confusing warnings.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // PG* variables from the developer's shell (PGHOST, PGOPTIONS, PGDATA, ...) would silently
        // redirect or reconfigure the tools; the throwaway server must not depend on them.
        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        // English messages keep exception texts and the port-conflict detection predictable.
        startInfo.Environment["LC_ALL"] = "C";
        return startInfo;
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }

    /// <summary>Kills a process and its children, ignoring the race where it already exited.</summary>
    public static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited: nothing to kill.
        }
        catch (Win32Exception)
        {
            // Could not signal it (e.g. exited and pid reused); nothing more we can do.
        }
    }
}
