using System.Diagnostics.CodeAnalysis;

namespace BuildMigrations.Sources.NuGet;

/// <summary>
/// Whether this build can download packages from feeds. The tool's native (ahead-of-time compiled) build turns it off:
/// NuGet.Protocol parses feeds with reflection-based Newtonsoft.Json, which native code does not have, and with the switch
/// off the compiler leaves NuGet.Protocol out. That build still reads packages already in the global packages folder.
/// </summary>
public static class FeedDownloads
{
    private const string Switch = "BuildMigrations.Sources.NuGet.FeedDownloads.IsSupported";

    [FeatureSwitchDefinition(Switch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var enabled) || enabled;
}
