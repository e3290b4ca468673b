using System.Diagnostics;

namespace BuildMigrations.Tool.Tests;

/// <summary>What one run of the tool printed and returned.</summary>
public sealed record ToolRun(int ExitCode, string Stdout, string Stderr)
{
    public string All => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the real dotnet-migrate-bundle binary as a separate process.</summary>
public static class ToolRunner
{
    private static readonly string ToolDll = Path.Combine(AppContext.BaseDirectory, "BuildMigrations.Tool.dll");

    public static ToolRun Run(string workingDirectory, IDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet-migrate-bundle {string.Join(' ', args)} did not finish");
        }
        return new ToolRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the tool without waiting, with its output redirected (for concurrency and kill tests).</summary>
    public static Process Start(string workingDirectory, IDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            start.Environment[name] = value;
        return Process.Start(start)!;
    }

    public static ToolRun Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);
}
