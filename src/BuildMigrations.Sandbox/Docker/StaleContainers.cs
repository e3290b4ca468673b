namespace BuildMigrations.Sandbox.Docker;

/// <summary>Removes sandbox containers whose owning test process is gone (a run that crashed or was killed).</summary>
internal static class StaleContainers
{
    public static async Task RemoveAsync(CancellationToken cancellationToken)
    {
        var (exit, output) = await DockerCli.RunAsync(cancellationToken, "ps", "-a", "--filter", $"label={DockerDatabase.Label}",
            "--format", "{{.ID}} {{.Label \"io.buildmigrations.owner-pid\"}}");
        if (exit != 0)
            return;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && int.TryParse(parts[1], out var pid) && !IsAlive(pid))
                await DockerCli.RunAsync(cancellationToken, "rm", "-f", parts[0]);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
