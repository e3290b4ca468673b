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
/// where nothing could answer (no DOCKER_HOST and no /var/run/docker.sock).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MIGRATIONS_TEST_SKIP_DOCKER") == "1")
            Skip = "no docker engine answers here (scripts/test.sh set MIGRATIONS_TEST_SKIP_DOCKER=1)";
        else if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) && !File.Exists("/var/run/docker.sock"))
            Skip = "no docker engine here (no DOCKER_HOST, no /var/run/docker.sock)";
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
