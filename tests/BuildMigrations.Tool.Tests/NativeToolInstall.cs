using System.Runtime.InteropServices;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary>
/// The tool as a linux-x64 user gets it: `dotnet pack` (the top-level package and the framework-dependent fallback),
/// `dotnet pack -r linux-x64` (the native package) and `-r linux-musl-x64` (Alpine's) into a folder feed, then
/// `dotnet tool install --tool-path` from it, with a packages folder of its own so no cached package of the same
/// version can stand in. Made once per test class.
/// </summary>
public sealed class NativeToolInstall : IDisposable
{
    private readonly TempDirectory _root = new();

    public NativeToolInstall()
    {
        if (!IsPossibleHere)
            return;
        var project = Path.Combine(Corpora.RepositoryRoot(), "src", "BuildMigrations.Tool");
        Run("dotnet", "pack", project, "-c", "Release", "-o", Feed, "-nologo");
        Run("dotnet", "pack", project, "-c", "Release", "-r", "linux-x64", "-o", Feed, "-nologo");
        Run("dotnet", "pack", project, "-c", "Release", "-r", "linux-musl-x64", "-o", Feed, "-nologo");
        Run("dotnet", "tool", "install", PackageId, "--tool-path", ToolPath, "--add-source", Feed, "--version", Version);
    }

    /// <summary>Native packages are built for linux-x64 only.</summary>
    public static bool IsPossibleHere => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;

    public const string PackageId = "dotnet-migrate-bundle";

    public string Version => BuiltVersion;

    /// <summary>The version this checkout builds (the package version, without the commit).</summary>
    public static string BuiltVersion { get; } = typeof(NativeToolInstall).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion.Split('+')[0];

    public string Feed => Path.Combine(_root.Path, "feed");

    public string ToolPath => Path.Combine(_root.Path, "tools");

    /// <summary>The NuGet packages folder the install used (and nothing else).</summary>
    public string Packages => Path.Combine(_root.Path, "packages");

    /// <summary>The command users run: a link into the tool's store.</summary>
    public string Command => Path.Combine(ToolPath, PackageId);

    /// <summary>The folder the installed command really lives in.</summary>
    public string InstalledFolder => Path.GetDirectoryName(new FileInfo(Command).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Command)!;

    /// <summary>An environment with no .NET at all: DOTNET_ROOT points nowhere and no dotnet is on PATH.</summary>
    public Dictionary<string, string?> WithoutDotnet(string home) => new()
    {
        ["DOTNET_ROOT"] = Path.Combine(home, "no-dotnet-here"),
        ["PATH"] = "/usr/bin:/bin",
        ["HOME"] = home,
        ["NUGET_PACKAGES"] = Path.Combine(home, "empty-packages"),
    };

    // The native compile takes about 2 minutes alone on 2 cores, and well over 5 while other test assemblies run.
    private static readonly TimeSpan NativeCompileLimit = TimeSpan.FromMinutes(20);

    /// <summary>
    /// `dotnet tool install` into <paramref name="toolPath"/> from this feed, as on a machine whose runtime identifier is
    /// <paramref name="runtimeId"/> (the .NET host's DOTNET_RUNTIME_ID override).
    /// </summary>
    public CommandResult InstallAs(string runtimeId, string toolPath) =>
        Processes.Run("dotnet", ["tool", "install", PackageId, "--tool-path", toolPath, "--add-source", Feed, "--version", Version], _root.Path,
            new Dictionary<string, string?>(OwnPackages) { ["DOTNET_RUNTIME_ID"] = runtimeId });

    private static readonly IReadOnlyDictionary<string, string?> Quiet = new Dictionary<string, string?>
    {
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
    };

    // Its own packages folder: no cached package of the same version can stand in.
    private Dictionary<string, string?> OwnPackages => new(Quiet) { ["NUGET_PACKAGES"] = Packages };

    private void Run(string program, params string[] args)
    {
        var result = Processes.Run(program, args, _root.Path, OwnPackages, NativeCompileLimit);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed:\n{result}");
    }

    public void Dispose() => _root.Dispose();
}
