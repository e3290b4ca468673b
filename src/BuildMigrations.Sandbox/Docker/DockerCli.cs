using System.Diagnostics;

namespace BuildMigrations.Sandbox.Docker;

/// <summary>The docker command-line client (the way Atlas's docker:// URLs work): no Docker API client of our own.</summary>
internal static class DockerCli
{
    public static async Task<(int ExitCode, string Output)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "the docker command was not found");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return (process.ExitCode, (await stdout + await stderr).Trim());
        }
    }

    /// <summary>True when a docker engine answers.</summary>
    public static async Task<bool> EngineAnswersAsync(CancellationToken cancellationToken) =>
        (await RunAsync(cancellationToken, "info", "--format", "{{.ServerVersion}}")).ExitCode == 0;
}
