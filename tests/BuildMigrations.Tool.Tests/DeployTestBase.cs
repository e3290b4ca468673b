namespace BuildMigrations.Tool.Tests;

/// <summary>
/// What the deploy tests of every engine share: a temp directory, a way to run the tool that proves the
/// connection's password was printed nowhere, and building bundles from (file, SQL) pairs.
/// </summary>
public abstract class DeployTestBase(string engine, Func<string> password) : IDisposable
{
    protected TempDirectory Dir { get; } = new();

    public void Dispose()
    {
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the tool; every run also proves the password appears in none of its output.</summary>
    protected CommandResult Tool(params string[] args) => Tool(null, args);

    /// <summary>Runs the tool with extra environment variables (e.g. a URL passed as env:NAME).</summary>
    protected CommandResult Tool(IDictionary<string, string?>? environment, params string[] args)
    {
        var run = ToolRunner.Run(Dir.Path, environment, args);
        Assert.DoesNotContain(password(), run.All);
        return run;
    }

    /// <summary>Writes the files into <paramref name="folder"/> and builds <c>folder.mbundle</c> for the engine.</summary>
    protected string BuildBundle(string folder, params (string Name, string Sql)[] files)
    {
        foreach (var (name, sql) in files)
            Dir.Write(Path.Combine(folder, name), sql);
        var bundle = $"{folder}.mbundle";
        var build = Tool("build", folder, "--engine", engine, "--name", "Shop", "--version", "1.0.0", "--out", bundle);
        Assert.True(build.ExitCode == 0, build.ToString());
        return bundle;
    }
}
