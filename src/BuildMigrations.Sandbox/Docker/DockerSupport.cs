using System.Diagnostics.CodeAnalysis;

namespace BuildMigrations.Sandbox.Docker;

/// <summary>
/// Whether this build can start containers. The tool's native (ahead-of-time compiled) build turns it off: the docker
/// client underneath (Testcontainers) relies on reflection that native code does not have, and with the switch off
/// the compiler leaves that client out altogether.
/// </summary>
public static class DockerSupport
{
    private const string Switch = "BuildMigrations.Sandbox.Docker.IsSupported";

    [FeatureSwitchDefinition(Switch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var enabled) || enabled;
}
