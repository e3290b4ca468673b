namespace BuildMigrations.TestSupport;

/// <summary>A fact that needs ../shared/corpora/<c>relative</c>: skipped (not passed) where it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute(string relative)
    {
        if (!Corpora.Exists(relative))
            Skip = $"needs ../shared/corpora/{relative} beside the repository (absent in a bare clone)";
    }
}

/// <summary>
/// A fact that needs a docker engine: skipped where the test script found none (MIGRATIONS_TEST_SKIP_DOCKER=1), or
/// where nothing could answer (no DOCKER_HOST and no /var/run/docker.sock, or a socket left behind by a stopped engine).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    private const string DefaultSocket = "/var/run/docker.sock";

    public DockerFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MIGRATIONS_TEST_SKIP_DOCKER") == "1")
            Skip = "no docker engine answers here (scripts/test.sh set MIGRATIONS_TEST_SKIP_DOCKER=1)";
        else if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
            return;
        else if (!File.Exists(DefaultSocket))
            Skip = $"no docker engine here (no DOCKER_HOST, no {DefaultSocket})";
        else if (!Answers(DefaultSocket))
            Skip = $"no docker engine answers on {DefaultSocket} (left behind by a stopped engine?)";
    }

    private static bool Answers(string socketPath)
    {
        try
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            socket.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}

/// <summary>A fact that needs Linux tools (flock, /proc): skipped elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
            Skip = "needs Linux";
    }
}
