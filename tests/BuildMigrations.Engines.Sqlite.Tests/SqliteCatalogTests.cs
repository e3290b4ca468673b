using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;

namespace BuildMigrations.Engines.Sqlite.Tests;

/// <summary>Throwaway databases in a folder: what the sandboxes ask of the provider.</summary>
public sealed class SqliteCatalogTests : IDisposable
{
    private readonly DatabaseFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private IDatabaseCatalog Catalog(string folder) => new SqliteProvider().OpenCatalog(ConnectionTarget.Resolve("sqlite:" + folder, null));

    [Fact]
    public async Task Databases_are_files_created_empty_or_copied_and_dropped_with_their_companions()
    {
        var folder = Path.Combine(_folder.Path, "sandbox");
        var catalog = Catalog(folder);
        Assert.True(catalog.CanCopy);
        await catalog.PingAsync(default);
        Assert.True(Directory.Exists(folder));

        await catalog.CreateAsync("template", null, default);
        var templateFile = Path.Combine(folder, "template.db");
        Assert.Equal("sqlite:" + templateFile, catalog.UrlFor("template"));
        await using (var engine = await DatabaseFolder.OpenAsync(templateFile))
        {
            await engine.RunEachAsync(engine.Split("CREATE TABLE kept (id INTEGER)"), default);
            Assert.True(await engine.TryAcquireLockAsync(default)); // leaves its lock file beside the database
        }

        await catalog.CreateAsync("copy", "template", default);
        var copyUrl = ConnectionTarget.Resolve(catalog.UrlFor("copy"), null);
        Assert.Equal("sqlite", copyUrl.Engine);
        Assert.True(await DatabaseFolder.TableExistsAsync(Path.Combine(folder, "copy.db"), "kept"));

        File.WriteAllText(templateFile + "-journal", "");
        await catalog.DropAsync("template", default);
        await catalog.DropAsync("never-created", default);
        Assert.Equal(["copy.db"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void The_provider_serves_sqlite_on_files()
    {
        var provider = new SqliteProvider();
        Assert.Equal(["sqlite"], provider.Names);
        Assert.Equal(SandboxServerKind.File, provider.ServerKind);
        Assert.IsType<SqliteEngine>(provider.CreateEngine(ConnectionTarget.Resolve("sqlite:app.db", null), HistoryTableName.DefaultTable, createDatabase: true));
    }
}
