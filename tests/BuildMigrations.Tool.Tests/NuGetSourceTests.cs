namespace BuildMigrations.Tool.Tests;

/// <summary>
/// BUNDLE as a .nupkg or as nuget:PACKAGE@VERSION (issue 12): the real tool, real packages, a package folder and a
/// v3 feed served over HTTP on 127.0.0.1. Every run has its own NuGet global packages folder (NUGET_PACKAGES), so
/// nothing comes from, or lands in, the user's.
/// </summary>
public sealed class NuGetSourceTests : IDisposable
{
    private const string FeedPassword = "Feed-Pw-7c1e9a";

    private static readonly (string, string)[] Sample =
    [
        ("0001_customers.up.sql", "CREATE TABLE customers (id INTEGER PRIMARY KEY);\n"),
        ("0001_customers.down.sql", "DROP TABLE customers;\n"),
        ("0002_orders.up.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id));\n"),
        ("0002_orders.down.sql", "DROP TABLE orders;\n"),
    ];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Packages => _dir["global-packages"];

    /// <summary>Runs the tool in the temp directory with its own global packages folder; no run shows the feed's password.</summary>
    private CommandResult Tool(params string[] args)
    {
        var run = ToolRunner.Run(_dir.Path, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Packages }, args);
        Assert.DoesNotContain(FeedPassword, run.All);
        return run;
    }

    /// <summary>Builds the sample as bundle ID VERSION (signed with <paramref name="key"/> when given) and packs it into <c>feed/</c>.</summary>
    private string Pack(string id, string version, string? key = null)
    {
        var folder = $"src-{id}-{version}";
        foreach (var (name, sql) in Sample)
            _dir.Write(Path.Combine(folder, name), sql);
        var bundle = _dir[$"{folder}.mbundle"];
        string[] sign = key is null ? [] : ["--sign", key];
        var build = Tool(["build", folder, "--engine", "sqlite", "--name", id, "--version", version, "--out", bundle, .. sign]);
        Assert.True(build.ExitCode == 0, build.ToString());
        return TestPackages.WithBundle(_dir["feed"], id, version, bundle);
    }

    private static void AssertRefused(CommandResult run, string code, params string[] mentions)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error {code}", run.Stderr);
        foreach (var mention in mentions)
            Assert.Contains(mention, run.Stderr);
    }

    [Fact]
    public void Deploy_of_nuget_package_from_a_source_folder_applies_the_bundle_inside_and_caches_it_in_the_global_packages_folder()
    {
        Pack("Shop.Db", "1.2.3");
        var deploy = Tool("deploy", "nuget:Shop.Db@1.2.3", "--source", "feed", "-c", "sqlite:shop.db");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("deploying Shop.Db 1.2.3 (2 migrations)", deploy.Stdout);
        Assert.Contains("applied 2 migrations", deploy.Stdout);
        Assert.Empty(deploy.Stderr);
        Assert.True(File.Exists(Path.Combine(Packages, "shop.db", "1.2.3", "shop.db.1.2.3.nupkg")));

        // From the cache now: the source is gone and the package still resolves, as restore would.
        Directory.Delete(_dir["feed"], recursive: true);
        var status = Tool("status", "nuget:Shop.Db@1.2.3", "-c", "sqlite:shop.db");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("2 applied, 0 pending, 0 failed", status.Stdout);
    }

    [Fact]
    public void Status_inspect_verify_and_rollback_read_a_nupkg_file()
    {
        var package = Pack("Shop.Db", "1.2.3");
        Assert.Equal(0, Tool("deploy", package, "-c", "sqlite:shop.db").ExitCode);

        var status = Tool("status", package, "-c", "sqlite:shop.db");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("2 applied, 0 pending, 0 failed", status.Stdout);

        var inspect = Tool("inspect", package);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        Assert.Contains("Shop.Db 1.2.3 (sqlite)", inspect.Stdout);
        Assert.Equal(0, Tool("verify", package).ExitCode);

        var rollback = Tool("rollback", package, "-c", "sqlite:shop.db", "--steps", "1");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains("1 applied, 1 pending", Tool("status", package, "-c", "sqlite:shop.db").Stdout);
    }

    [Fact]
    public void Plan_of_a_package_shows_the_impact_dotnet_test_measured_packed_beside_the_bundle()
    {
        var folder = "src-measured";
        foreach (var (name, sql) in Sample)
            _dir.Write(Path.Combine(folder, name), sql);
        Assert.Equal(0, Tool("build", folder, "--engine", "sqlite", "--name", "Shop.Db", "--version", "1.2.3", "--out", "measured.mbundle").ExitCode);
        _dir.Write("Shop.Db.impact.json", """{ "migrations": [ { "version": "0001", "up": { "locks": [ { "relation": "main.customers", "mode": "AccessExclusiveLock" } ], "rewritten": [ "main.customers" ] } } ] }""");
        var package = TestPackages.Write(_dir["feed"], "Shop.Db", "1.2.3", ("bundles/Shop.Db.1.2.3.mbundle", _dir["measured.mbundle"]), ("bundles/Shop.Db.impact.json", _dir["Shop.Db.impact.json"]));

        var plan = Tool("plan", package, "-c", "sqlite:shop.db");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("measured by dotnet test: AccessExclusiveLock on main.customers; rewrote main.customers", plan.Stdout);
    }

    [Fact]
    public void Trusted_keys_apply_to_the_bundle_inside_a_package_and_sign_writes_the_signed_bundle_beside()
    {
        Assert.Equal(0, Tool("keygen", "--out", "release.pem").ExitCode);
        Assert.Equal(0, Tool("keygen", "--out", "other.pem").ExitCode);
        var package = Pack("Shop.Db", "1.2.3", key: "release.pem");

        var untrusted = Tool("deploy", "nuget:Shop.Db@1.2.3", "--source", "feed", "-c", "sqlite:shop.db", "--trusted-key", "other.pub.pem");
        Assert.True(untrusted.ExitCode == 3, untrusted.ToString());
        Assert.Contains("nuget:Shop.Db@1.2.3/bundles/Shop.Db.1.2.3.mbundle: error BM3013", untrusted.Stderr);
        Assert.False(File.Exists(_dir["shop.db"]));

        var trusted = Tool("deploy", "nuget:Shop.Db@1.2.3", "--source", "feed", "-c", "sqlite:shop.db", "--trusted-key", "release.pub.pem");
        Assert.True(trusted.ExitCode == 0, trusted.ToString());

        AssertRefused(Tool("sign", package, "--key", "other.pem"), "BM4004", "--out");
        Assert.Equal(0, Tool("sign", package, "--key", "other.pem", "--out", "resigned.mbundle").ExitCode);
        Assert.Equal(0, Tool("verify", "resigned.mbundle", "--trusted-key", "other.pub.pem").ExitCode);
    }

    [Fact]
    public void Deploy_from_an_http_v3_feed_in_NuGet_Config_authenticates_with_its_credentials_and_shows_no_password()
    {
        var package = Pack("Shop.Db", "1.2.3");
        using var feed = new StaticV3Feed([package], "deployer", FeedPassword);
        _dir.Write("NuGet.Config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="private" value="{feed.IndexUrl}" />
              </packageSources>
              <packageSourceCredentials>
                <private>
                  <add key="Username" value="deployer" />
                  <add key="ClearTextPassword" value="{FeedPassword}" />
                </private>
              </packageSourceCredentials>
            </configuration>
            """);
        Directory.Delete(_dir["feed"], recursive: true);

        var deploy = Tool("deploy", "nuget:shop.db@1.2.3", "-c", "sqlite:shop.db");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("applied 2 migrations", deploy.Stdout);
        Assert.True(feed.Served >= 3, $"the feed served {feed.Served} requests");

        // --source may name a configured source: it keeps that source's credentials.
        var served = feed.Served;
        Directory.Delete(Packages, recursive: true);
        var named = Tool("plan", "nuget:Shop.Db@1.2.3", "--source", "private", "-c", "sqlite:shop.db");
        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.True(feed.Served > served);

        // Without the credentials the feed refuses, and the message names the feed, not the password.
        Directory.Delete(Packages, recursive: true);
        _dir.Write("NuGet.Config", File.ReadAllText(_dir["NuGet.Config"]).Replace(FeedPassword, "wrong", StringComparison.Ordinal));
        var refused = Tool("deploy", "nuget:Shop.Db@1.2.3", "-c", "sqlite:shop.db");
        AssertRefused(refused, "BM4105", feed.IndexUrl);
    }

    [Fact]
    public void An_unknown_package_or_version_exits_2_naming_the_sources_tried()
    {
        Pack("Shop.Db", "1.2.3");
        var feedFolder = _dir["feed"];
        AssertRefused(Tool("deploy", "nuget:Nope.Db@1.0.0", "--source", "feed", "-c", "sqlite:shop.db"), "BM4102", "Nope.Db 1.0.0", feedFolder);
        AssertRefused(Tool("deploy", "nuget:Shop.Db@9.9.9", "--source", "feed", "-c", "sqlite:shop.db"), "BM4106", "9.9.9", "1.2.3", feedFolder);
        AssertRefused(Tool("deploy", "nuget:Shop.Db", "--source", "feed", "-c", "sqlite:shop.db"), "BM4101", "version is missing");
        AssertRefused(Tool("status", "nuget:Shop.Db@latest", "-c", "sqlite:shop.db"), "BM4101", "'latest' is not a version");
        AssertRefused(Tool("inspect", "Shop.Db.1.2.3.mbundle", "--source", "feed"), "BM4108");
        Assert.False(File.Exists(_dir["shop.db"]));
    }

    [Fact]
    public void An_unreachable_feed_exits_2_naming_it()
    {
        string url;
        using (var closed = new StaticV3Feed([]))
            url = closed.IndexUrl;
        _dir.Write("NuGet.Config", $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="gone" value="{url}" />
              </packageSources>
            </configuration>
            """);
        AssertRefused(Tool("deploy", "nuget:Shop.Db@1.2.3", "-c", "sqlite:shop.db"), "BM4105", $"gone ({url})");
    }

    [Fact]
    public void A_package_without_a_bundle_or_with_several_that_do_not_match_is_refused()
    {
        var readme = _dir.Write("readme.txt", "no migrations here");
        var empty = TestPackages.Write(_dir["feed"], "Empty.Db", "1.0.0", ("readme.txt", readme));
        AssertRefused(Tool("inspect", empty), "BM4103", "Empty.Db.1.0.0.nupkg");

        Pack("Shop.Db", "1.2.3");
        var bundle = _dir["src-Shop.Db-1.2.3.mbundle"];
        var several = TestPackages.Write(_dir["other"], "Two.Db", "2.0.0", ("bundles/A.1.0.0.mbundle", bundle), ("bundles/B.1.0.0.mbundle", bundle));
        AssertRefused(Tool("inspect", several), "BM4104", "bundles/A.1.0.0.mbundle", "bundles/Two.Db.2.0.0.mbundle");

        var matching = TestPackages.Write(_dir["third"], "Three.Db", "3.0.0", ("bundles/Three.Db.3.0.0.mbundle", bundle), ("bundles/Old.mbundle", bundle));
        Assert.Equal(0, Tool("verify", matching).ExitCode);

        var garbage = _dir.Write("broken.nupkg", "not a zip");
        AssertRefused(Tool("verify", garbage), "BM4107");
        AssertRefused(Tool("verify", "missing.nupkg"), "BM3015");
    }
}
