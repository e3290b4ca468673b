using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary>A fact about the native linux-x64 build: skipped on other platforms.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (!NativeToolInstall.IsPossibleHere)
            Skip = "the native tool package is built for linux-x64 only";
    }
}

/// <summary>A native fact that also needs a docker engine.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NativeDockerFactAttribute : FactAttribute
{
    public NativeDockerFactAttribute()
    {
        Skip = new NativeFactAttribute().Skip ?? new DockerFactAttribute().Skip;
    }
}

/// <summary>
/// The installed tool is the native build: no .NET runtime needed, the same commands and output, and a clear refusal
/// for the two things the native build leaves out (downloads from feeds, docker dev databases).
/// </summary>
[Collection(NativePackagesCollection.Name)]
public sealed class NativeToolTests(NativeToolInstall tool, PostgresServerFixture server) : IClassFixture<NativeToolInstall>, IClassFixture<PostgresServerFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private CommandResult Native(params string[] args) => Processes.Run(tool.Command, args, _dir.Path, tool.WithoutDotnet(_dir.Path));

    [NativeFact]
    public void Dotnet_tool_install_puts_a_native_executable_in_place_and_it_answers_version_with_no_dotnet_runtime()
    {
        var installed = new FileInfo(tool.Command).ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        var header = new byte[4];
        using (var stream = File.OpenRead(installed))
            stream.ReadExactly(header);
        Assert.Equal("\u007fELF"u8.ToArray(), header);
        Assert.Contains("linux-x64", installed);
        Assert.Empty(Directory.GetFiles(tool.InstalledFolder, "*.dll"));

        var version = Native("--version");
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith(tool.Version, version.Stdout.Trim());
    }

    [NativeFact]
    public void The_native_package_needs_no_glibc_newer_than_README_promises()
    {
        var files = new[] { new FileInfo(tool.Command).ResolveLinkTarget(returnFinalTarget: true)!.FullName }
            .Concat(Directory.GetFiles(tool.InstalledFolder, "*.so"));
        Assert.Equal(2, files.Count());
        foreach (var file in files)
        {
            var (newest, packedRelocations) = GlibcRequirement.Of(file);
            Assert.True(newest <= GlibcRequirement.Promised, $"{Path.GetFileName(file)} needs glibc {newest}");
            Assert.False(packedRelocations, $"{Path.GetFileName(file)} needs packed relocations (glibc 2.36)");
        }
    }

    /// <summary>
    /// musl's runtime identifiers import linux-x64: without a package of its own, Alpine (a common CI image) would get the
    /// glibc native build, which cannot start there. It gets the framework-dependent one, for musl.
    /// </summary>
    [NativeFact]
    public void Alpine_gets_a_framework_dependent_package_of_its_own_not_the_glibc_native_build()
    {
        var toolPath = Path.Combine(_dir.Path, "musl-tools");
        var install = tool.InstallAs("linux-musl-x64", toolPath);
        Assert.True(install.ExitCode == 0, install.ToString());

        var store = Path.Combine(toolPath, ".store", NativeToolInstall.PackageId, tool.Version);
        Assert.False(Directory.Exists(Path.Combine(store, $"{NativeToolInstall.PackageId}.linux-x64")));
        var package = Path.Combine(store, $"{NativeToolInstall.PackageId}.linux-musl-x64", tool.Version, "tools", "net10.0", "linux-musl-x64");
        Assert.True(File.Exists(Path.Combine(package, "BuildMigrations.Tool.dll")), $"no framework-dependent tool in {package}");
        var sqlite = Processes.Run("readelf", ["-d", Path.Combine(package, "libe_sqlite3.so")]);
        Assert.Contains("Shared library: [libc.so]", sqlite.Stdout); // musl's C library, not glibc's libc.so.6

        // The command runs through dotnet, here as on Alpine.
        var version = Processes.Run(Path.Combine(toolPath, NativeToolInstall.PackageId), ["--version"], _dir.Path);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith(tool.Version, version.Stdout.Trim());
    }

    [NativeFact]
    public void The_native_tool_builds_deploys_and_reports_JSON_like_the_framework_dependent_one()
    {
        _dir.Write("m/0001_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY);\n");
        _dir.Write("m/0001_customers.down.sql", "DROP TABLE customers;\n");
        var build = Native("build", "m", "--engine", "sqlite", "--name", "Shop", "--version", "1.0.0", "--out", "shop.mbundle");
        Assert.True(build.ExitCode == 0, build.ToString());
        var database = $"sqlite://{Path.Combine(_dir.Path, "shop.db")}";

        var deploy = Native("deploy", "shop.mbundle", "-c", database, "--output", "json");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        var native = System.Text.Json.Nodes.JsonNode.Parse(deploy.Stdout)!;
        Assert.Equal("Done", (string?)native["outcome"]);
        Assert.Equal("up", (string?)native["steps"]![0]!["direction"]);

        // The same document as the framework-dependent build writes, once durations are left aside.
        var status = Native("status", "shop.mbundle", "-c", database, "--output", "json");
        var managed = ToolRunner.Run(_dir.Path, "status", "shop.mbundle", "-c", database, "--output", "json");
        Assert.Equal(managed.Stdout, status.Stdout);
        var history = Native("history", "-c", database, "--output", "json");
        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Equal("applied", (string?)System.Text.Json.Nodes.JsonNode.Parse(history.Stdout)!["history"]![0]!["status"]);
    }

    [NativeFact]
    public void A_package_that_is_not_in_the_global_packages_folder_is_refused_with_BM4109_and_what_to_do()
    {
        var deploy = Native("deploy", "nuget:Shop.Db@1.0.0", "-c", $"sqlite://{Path.Combine(_dir.Path, "shop.db")}");
        Assert.Equal(2, deploy.ExitCode);
        Assert.Contains("error BM4109", deploy.Stderr);
        Assert.Contains("pass its .nupkg file", deploy.Stderr);
    }

    private string PostgreSqlBundle()
    {
        _dir.Write("m/0001_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY);\n");
        _dir.Write("m/0001_customers.down.sql", "DROP TABLE customers;\n");
        var build = Native("build", "m", "--engine", "postgresql", "--name", "Shop", "--version", "1.0.0", "--out", "shop.mbundle");
        Assert.True(build.ExitCode == 0, build.ToString());
        return Path.Combine(_dir.Path, "shop.mbundle");
    }

    [NativeFact]
    public async Task A_docker_dev_database_is_refused_with_BM5032_and_the_alternatives()
    {
        PostgreSqlBundle();
        var environment = tool.WithoutDotnet(_dir.Path);
        environment["TARGET_DB"] = server.Url(await server.CreateDatabaseAsync());
        var deploy = Processes.Run(tool.Command, ["deploy", "shop.mbundle", "-c", "env:TARGET_DB"], _dir.Path, environment);
        Assert.True(deploy.ExitCode == 0, deploy.ToString());

        var drift = Processes.Run(tool.Command, ["drift", "shop.mbundle", "-c", "env:TARGET_DB", "--dev-database", "docker"], _dir.Path, environment);
        Assert.Equal(2, drift.ExitCode);
        Assert.Contains("error BM5032", drift.Stderr);
        Assert.Contains("no docker client: use 'local' or the URL of a server", drift.Stderr);
        Assert.DoesNotContain(server.Password, drift.All);
    }

    [NativeDockerFact]
    public async Task The_container_image_builds_from_the_installed_native_tool_and_deploys_a_bundle_to_PostgreSQL_on_the_host_network()
    {
        PostgreSqlBundle();
        var database = await server.CreateDatabaseAsync();
        var tag = $"bm-test/dotnet-migrate-bundle:{Guid.NewGuid():N}";
        var image = Processes.Run("bash", [Path.Combine(Corpora.RepositoryRoot(), "scripts", "container-image.sh"), tag], _dir.Path,
            new Dictionary<string, string?> { ["BM_NATIVE_DIR"] = tool.InstalledFolder });
        Assert.True(image.ExitCode == 0, image.ToString());
        try
        {
            // The container runs as an unprivileged user: the mounted bundle must be readable by others.
            if (OperatingSystem.IsLinux())
                File.SetUnixFileMode(_dir.Path, (UnixFileMode)0b111_101_101);
            var run = Processes.Run("docker", ["run", "--rm", "--network", "host", "-e", "DB_URL", "-v", $"{_dir.Path}:/bundles:ro",
                tag, "deploy", "/bundles/shop.mbundle", "-c", "env:DB_URL"], _dir.Path,
                new Dictionary<string, string?> { ["DB_URL"] = server.Url(database) });
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("applied 1 migration", run.Stdout);
            Assert.DoesNotContain(server.Password, run.All);
            Assert.True(await server.ScalarAsync<bool>(database, "SELECT to_regclass('public.customers') IS NOT NULL"));
            Assert.Equal(1L, await server.ScalarAsync<long>(database, "SELECT count(*) FROM migration_history WHERE status = 'applied'"));
        }
        finally
        {
            Processes.Run("docker", ["rmi", "--force", tag]);
        }
    }

    [NativeFact]
    public void Dnx_runs_the_tool_from_the_feed_without_installing_it()
    {
        var run = Processes.Run("dotnet", ["dnx", $"{NativeToolInstall.PackageId}@{tool.Version}", "--add-source", tool.Feed, "--yes", "--", "--version"],
            _dir.Path, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(_dir.Path, "packages"), ["DOTNET_NOLOGO"] = "1" });
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(tool.Version, run.Stdout);
    }
}
