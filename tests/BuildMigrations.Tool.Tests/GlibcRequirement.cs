using System.Text.RegularExpressions;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary>
/// What glibc an ELF file asks the dynamic loader for, read with readelf (which reads any processor's ELF). A linux-x64
/// or linux-arm64 machine gets the native package whatever its glibc: README promises 2.34 (RHEL 9's) is enough.
/// </summary>
internal static partial class GlibcRequirement
{
    public static readonly Version Promised = new(2, 34);

    /// <summary>
    /// The newest glibc version <paramref name="elfFile"/> needs, and whether it needs packed relocations (DT_RELR, glibc
    /// 2.36), which linking on a newer glibc or with <c>-z pack-relative-relocs</c> would add without a word.
    /// </summary>
    public static (Version Newest, bool PackedRelocations) Of(string elfFile)
    {
        var dump = Processes.Run("readelf", ["-V", "-W", elfFile]);
        if (dump.ExitCode != 0)
            throw new InvalidOperationException(dump.ToString());
        var needs = dump.Stdout[dump.Stdout.IndexOf("Version needs section", StringComparison.Ordinal)..];
        var newest = GlibcVersion().Matches(needs).Select(m => new Version(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value))).Max()!;
        return (newest, needs.Contains("GLIBC_ABI_DT_RELR", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"GLIBC_(\d+)\.(\d+)")]
    private static partial Regex GlibcVersion();
}
