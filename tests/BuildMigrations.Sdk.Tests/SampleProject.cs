using BuildMigrations.Tool.Tests;

namespace BuildMigrations.Sdk.Tests;

/// <summary>
/// A migrations project in a temp directory with its own global.json and a NuGet.Config that takes
/// BuildMigrations.* only from the local feed (package source mapping) into a private packages folder, so no
/// cached package of the same version is ever used; third-party packages (xUnit, Npgsql) come from the
/// machine's configured source or its global packages folder.
/// </summary>
public sealed class SampleProject : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <param name="feed">Where BuildMigrations.* packages come from.</param>
    /// <param name="name">The project's name and folder.</param>
    /// <param name="projectXml">The whole project file, for tests about the project file itself.</param>
    /// <param name="engine">MigrationsEngine of the default project file.</param>
    /// <param name="properties">Extra PropertyGroup content for the default project file.</param>
    public SampleProject(LocalFeedFixture feed, string name = "Shop.Db", string? projectXml = null, string engine = "postgresql", string properties = "")
    {
        Name = name;
        Feed = feed;
        _dir.Write("global.json", """{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }""");
        _dir.Write("NuGet.Config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="this-repository" value="{feed.Feed}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="this-repository"><package pattern="BuildMigrations.*" /></packageSource>
            {MachineSourceMappings}
              </packageSourceMapping>
              <config>
                <add key="globalPackagesFolder" value="{feed.Packages}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{MachinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        _dir.Write($"{name}/{name}.csproj", projectXml ?? $"""
            <Project Sdk="BuildMigrations.Sdk/{feed.Version}">
              <PropertyGroup>
                <MigrationsEngine>{engine}</MigrationsEngine>
                <Version>1.4.0</Version>
                {properties}
              </PropertyGroup>
            </Project>
            """);
    }

    public string Name { get; }

    /// <summary>
    /// Every other package from the sources the machine's own NuGet configuration names, whatever it calls them: a
    /// source that package source mapping leaves out serves nothing.
    /// </summary>
    private static string MachineSourceMappings =>
        string.Join("\n", new NuGet.Configuration.PackageSourceProvider(NuGet.Configuration.Settings.LoadDefaultSettings(root: null))
            .LoadPackageSources().Where(source => source.IsEnabled)
            .Select(source => $"""    <packageSource key="{System.Security.SecurityElement.Escape(source.Name)}"><package pattern="*" /></packageSource>"""));

    /// <summary>The machine's global packages folder, read-only here: it never holds BuildMigrations.* packages.</summary>
    private static string MachinePackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public LocalFeedFixture Feed { get; }

    public string Root => _dir.Path;

    public string ProjectDirectory => _dir[Name];

    public string BundlePath => Path.Combine(ProjectDirectory, "bin", "Debug", "net10.0", $"{Name}.1.4.0.mbundle");

    public string SumPath => Path.Combine(ProjectDirectory, "migrations", "migrations.sum");

    public string Migration(string file, string sql) => _dir.Write($"{Name}/migrations/{file}", sql);

    public SampleProject WithTwoMigrations()
    {
        Migration("0001_create_customers.up.sql", "CREATE TABLE customers (id int);\n");
        Migration("0001_create_customers.down.sql", "DROP TABLE customers;\n");
        Migration("0002_add_orders.up.sql", "CREATE TABLE orders (id int);\n");
        Migration("0002_add_orders.down.sql", "DROP TABLE orders;\n");
        return this;
    }

    public CommandResult Dotnet(params string[] args) => Tests.Dotnet.Run(ProjectDirectory, null, args);

    public CommandResult Dotnet(IDictionary<string, string?> environment, params string[] args) => Tests.Dotnet.Run(ProjectDirectory, environment, args);

    public CommandResult Build(IDictionary<string, string?>? environment = null) => Tests.Dotnet.Run(ProjectDirectory, environment, "build");

    public void Dispose() => _dir.Dispose();
}
