namespace BuildMigrations.Tool.Tests;

/// <summary>MIGRATE_BUNDLE_TRUSTED_KEYS makes every command that reads a bundle insist on a trusted signature.</summary>
public sealed class TrustFromEnvironmentTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private CommandResult Tool(IDictionary<string, string?>? environment, params string[] args) => ToolRunner.Run(_dir.Path, environment, args);

    [Fact]
    public void An_unsigned_or_untrusted_bundle_is_refused_with_exit_3_by_every_command_that_reads_one()
    {
        _dir.Write("m/0001_a.up.sql", "CREATE TABLE a (id int);");
        _dir.Write("m/0001_a.down.sql", "DROP TABLE a;");
        Assert.Equal(0, Tool(null, "build", "m", "--engine", "sqlite", "--name", "A", "--version", "1.0.0", "--out", "a.mbundle").ExitCode);
        Assert.Equal(0, Tool(null, "keygen", "--out", "trusted.pem").ExitCode);
        Assert.Equal(0, Tool(null, "keygen", "--out", "other.pem").ExitCode);
        var trusted = new Dictionary<string, string?> { ["MIGRATE_BUNDLE_TRUSTED_KEYS"] = _dir["trusted.pub.pem"] };

        foreach (var args in new[] { new[] { "inspect", "a.mbundle" }, ["verify", "a.mbundle"], ["status", "a.mbundle", "-c", "sqlite:a.db"], ["deploy", "a.mbundle", "-c", "sqlite:a.db"] })
        {
            var run = Tool(trusted, args);
            Assert.True(run.ExitCode == 3, $"{string.Join(' ', args)}: {run}");
            Assert.Contains("error BM3011", run.Stderr);
        }
        Assert.False(File.Exists(_dir["a.db"])); // refused before any connection

        Assert.Equal(0, Tool(null, "sign", "a.mbundle", "--key", "other.pem").ExitCode);
        var untrusted = Tool(trusted, "deploy", "a.mbundle", "-c", "sqlite:a.db");
        Assert.Equal(3, untrusted.ExitCode);
        Assert.Contains("error BM3013", untrusted.Stderr);

        Assert.Equal(0, Tool(null, "build", "m", "--engine", "sqlite", "--name", "A", "--version", "1.0.0", "--out", "b.mbundle", "--sign", "trusted.pem").ExitCode);
        var deploy = Tool(trusted, "deploy", "b.mbundle", "-c", "sqlite:a.db");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Equal(0, Tool(null, "deploy", "a.mbundle", "-c", "sqlite:other.db").ExitCode); // without the variable nothing is enforced
    }
}
