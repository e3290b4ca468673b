using System.Reflection;
using BuildMigrations.Sandbox;
using System.Data.Common;
using BuildMigrations.Engines;

namespace BuildMigrations.Testing;

/// <summary>
/// For tests users write themselves: a throwaway database with the project's migrations applied up to a
/// version, seed SQL, and query results to assert on. Dropped when disposed.
/// <code>
/// await using var db = await MigrationDatabase.AtVersionAsync(typeof(MyTests).Assembly, "0002");
/// await db.ExecuteAsync("INSERT INTO customers (email) VALUES ('a@example.com')");
/// Assert.Equal(1L, await db.ScalarAsync&lt;long&gt;("SELECT count(*) FROM customers"));
/// </code>
/// </summary>
public sealed class MigrationDatabase : IAsyncDisposable
{
    private readonly MigrationSuite _suite;
    private readonly SandboxDatabase _database;

    private MigrationDatabase(MigrationSuite suite, SandboxDatabase database)
    {
        _suite = suite;
        _database = database;
    }

    /// <summary>A URL for the database, e.g. to give to the code under test.</summary>
    public string Url => _database.Url;

    /// <summary>A database with every migration up to and including <paramref name="version"/> (null: all) applied.</summary>
    public static async Task<MigrationDatabase> AtVersionAsync(Assembly testAssembly, string? version = null)
    {
        var suite = MigrationSuite.For(testAssembly);
        var migrations = suite.Bundle.Manifest.Migrations;
        var count = version is null ? migrations.Count : migrations.ToList().FindIndex(m => m.Version == version) + 1;
        if (count == 0)
            throw new ArgumentException($"version {version} is not in {suite.Bundle.Manifest.Name}", nameof(version));
        SharedSandbox.Acquire();
        try
        {
            return new MigrationDatabase(suite, await suite.CopyAtAsync(count));
        }
        catch
        {
            await SharedSandbox.ReleaseAsync();
            throw;
        }
    }

    /// <summary>Runs SQL (seed data, setup).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row.</summary>
    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every row, as column name to value.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        return rows;
    }

    private async Task<DbConnection> OpenAsync()
    {
        var engine = _suite.Bundle.Manifest.Engine;
        var target = Engines.Connections.ConnectionTarget.Resolve(MigrationSuite.WithoutPooling(_database.Url), engine);
        var connection = KnownEngines.Registry.Get(engine).CreateConnection(target);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _suite.DropAsync(_database);
        }
        finally
        {
            await SharedSandbox.ReleaseAsync();
        }
    }
}
