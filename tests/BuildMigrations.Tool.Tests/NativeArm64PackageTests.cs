using System.IO.Compression;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary>
/// A fact that cross-compiles the tool for linux-arm64 on linux-x64 and runs the result under qemu's user-mode
/// emulation: skipped where the toolchain is missing (scripts/prerequisites.sh installs it).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class Arm64CrossFactAttribute : FactAttribute
{
    public static readonly string[] Tools = ["clang", "aarch64-linux-gnu-gcc", "qemu-aarch64-static"];

    public Arm64CrossFactAttribute()
    {
        var missing = Tools.Where(tool => !OnPath(tool)).ToList();
        if (!NativeToolInstall.IsPossibleHere)
            Skip = "the linux-arm64 package is cross-compiled on linux-x64";
        else if (missing.Count > 0)
            Skip = $"needs {string.Join(", ", missing)} (scripts/prerequisites.sh installs them)";
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}

/// <summary>
/// The tests that pack the tool's native packages: one at a time, as packing for a runtime restores and builds in the
/// tool project's own folders.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NativePackagesCollection
{
    public const string Name = "native packages";
}

/// <summary>The native package for linux-arm64: what `dotnet tool install` gives on an arm64 Linux machine.</summary>
[Collection(NativePackagesCollection.Name)]
public sealed class NativeArm64PackageTests : IDisposable
{
    private const ushort AArch64 = 0xB7;

    // Where the cross toolchain's arm64 C library lives, for qemu to load the executable's dynamic libraries from.
    private const string Arm64Libraries = "/usr/aarch64-linux-gnu";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Arm64CrossFact]
    public void Dotnet_pack_for_linux_arm64_makes_a_native_package_that_runs_on_arm64()
    {
        var project = Path.Combine(Corpora.RepositoryRoot(), "src", "BuildMigrations.Tool");
        var pack = Processes.Run("dotnet", ["pack", project, "-c", "Release", "-r", "linux-arm64", "-o", _dir["feed"], "-nologo"], _dir.Path,
            new Dictionary<string, string?> { ["DOTNET_NOLOGO"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1" }, TimeSpan.FromMinutes(20));
        Assert.True(pack.ExitCode == 0, pack.ToString());

        var package = Assert.Single(Directory.GetFiles(_dir["feed"], "dotnet-migrate-bundle.linux-arm64.*.nupkg"));
        using (var zip = ZipFile.OpenRead(package))
        {
            var files = zip.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal)).ToDictionary(e => Path.GetFileName(e.FullName));
            Assert.Equal(["BuildMigrations.Tool", "DotnetToolSettings.xml", "libe_sqlite3.so"], files.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(AArch64, ElfMachine(files["BuildMigrations.Tool"]));
            Assert.Equal(AArch64, ElfMachine(files["libe_sqlite3.so"]));
            files["BuildMigrations.Tool"].ExtractToFile(_dir["BuildMigrations.Tool"]);
            files["libe_sqlite3.so"].ExtractToFile(_dir["libe_sqlite3.so"]);
        }
        foreach (var file in new[] { "BuildMigrations.Tool", "libe_sqlite3.so" })
        {
            var (newest, packedRelocations) = GlibcRequirement.Of(_dir[file]);
            Assert.True(newest <= GlibcRequirement.Promised && !packedRelocations, $"{file} needs glibc {newest}{(packedRelocations ? " and packed relocations" : "")}");
        }
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(_dir["BuildMigrations.Tool"], (UnixFileMode)0b111_101_101);

        var version = Processes.Run("qemu-aarch64-static", ["-L", Arm64Libraries, _dir["BuildMigrations.Tool"], "--version"], _dir.Path);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith(NativeToolInstall.BuiltVersion, version.Stdout.Trim());
    }

    /// <summary>The e_machine field of an ELF file's header: which processor it is built for.</summary>
    private static ushort ElfMachine(ZipArchiveEntry entry)
    {
        var header = new byte[20];
        using (var stream = entry.Open())
            stream.ReadExactly(header);
        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        return BitConverter.ToUInt16(header, 18);
    }
}
