using System.Diagnostics;

namespace BuildMigrations.Tool.Tests;

/// <summary>Runs the real dotnet-migrate-bundle binary (copied beside the tests) as a separate process.</summary>
public static class ToolRunner
{
    private static readonly string ToolDll = Path.Combine(AppContext.BaseDirectory, "BuildMigrations.Tool.dll");

    public static CommandResult Run(string workingDirectory, IDictionary<string, string?>? environment, params string[] args) =>
        Processes.Run("dotnet", [ToolDll, .. args], workingDirectory, environment);

    public static CommandResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    /// <summary>Starts the tool without waiting (for concurrency and kill tests).</summary>
    public static Process Start(string workingDirectory, IDictionary<string, string?>? environment, params string[] args) =>
        Processes.Start("dotnet", [ToolDll, .. args], workingDirectory, environment);
}
