using System.Diagnostics;

namespace BuildMigrations.TestSupport;

/// <summary>What one run of a command printed and returned.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public string All => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs real programs (the tool, dotnet, git, docker, the mariadb client) for tests.</summary>
public static class Processes
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>Starts <paramref name="program"/> with its output redirected, without waiting.</summary>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static Process Start(string program, IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    public static CommandResult Run(string program, IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string?>? environment = null, TimeSpan? limit = null) =>
        RunAsync(program, args, workingDirectory, environment, limit).GetAwaiter().GetResult();

    /// <summary>Runs to completion (killed after <paramref name="limit"/>, five minutes unless given).</summary>
    public static async Task<CommandResult> RunAsync(string program, IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string?>? environment = null, TimeSpan? limit = null)
    {
        var argList = args.ToList();
        using var process = Start(program, argList, workingDirectory, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit ?? Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', argList)} did not finish");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}
