using BuildMigrations.Sandbox;

namespace BuildMigrations.Testing;

/// <summary>
/// Template databases by version, for engines that copy databases (PostgreSQL, SQLite): each version asked for (by a
/// MigrationDatabase, or the deploy-twice test) is built once, by one deploy from empty, and then copied per request.
/// </summary>
internal sealed class VersionTemplates(Func<int, Task<SandboxDatabase>> build)
{
    private readonly Dictionary<int, Task<SandboxDatabase>> _built = [];

    /// <summary>The template database with the first <paramref name="count"/> migrations applied.</summary>
    public Task<SandboxDatabase> AtAsync(int count)
    {
        lock (_built)
        {
            if (!_built.TryGetValue(count, out var template) || template.IsFaulted)
                _built[count] = template = build(count);
            return template;
        }
    }
}
