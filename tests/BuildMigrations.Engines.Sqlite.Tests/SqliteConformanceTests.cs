using BuildMigrations.Core.Model;
using BuildMigrations.Engines.Conformance;

namespace BuildMigrations.Engines.Sqlite.Tests;

/// <summary>The conformance suite on SQLite: each database a new file in a folder this class deletes.</summary>
public sealed class SqliteConformanceTests : EngineConformanceTests, IDisposable
{
    private readonly DatabaseFolder _folder = new();

    protected override string EngineName => EngineNames.Sqlite;

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(_folder.NewFile());

    protected override async Task<IMigrationEngine> OpenEngineAsync(string database) => await DatabaseFolder.OpenAsync(database);

    protected override Task<bool> TableExistsAsync(string database, string table) => DatabaseFolder.TableExistsAsync(database, table);

    public void Dispose() => _folder.Dispose();
}
