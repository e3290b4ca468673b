using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;

namespace BuildMigrations.Engines.Sqlite;

/// <summary>
/// The databases of one folder (the administrator target <c>sqlite:DIRECTORY</c>): database NAME is the file
/// <c>DIRECTORY/NAME.db</c>. An empty file is an empty SQLite database, and a copy of a template is a file copy, so
/// both cost next to nothing.
/// </summary>
internal sealed class SqliteCatalog(ConnectionTarget admin) : IDatabaseCatalog
{
    // SQLite's companions of a database file, and the deploy locks beside it (see SqliteLockFile).
    private static readonly string[] Companions = ["-wal", "-shm", "-journal"];

    private readonly string _folder = admin.Url is { } url && url.Scheme.Equals("sqlite", StringComparison.OrdinalIgnoreCase)
        ? SqliteConnections.PathOf(url)
        : throw new DiagnosticException(DeployProblems.InvalidConnection("throwaway SQLite databases need a folder given as sqlite:DIRECTORY"));

    public bool CanCopy => true;

    public Task PingAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public async Task CreateAsync(string name, string? template, CancellationToken cancellationToken)
    {
        var file = FileOf(name);
        if (template is null)
        {
            await using (new FileStream(file, FileMode.CreateNew, FileAccess.Write)) { }
            return;
        }
        // The template has no open connections, so its file holds every committed change (a WAL is folded in on close).
        File.Copy(FileOf(template), file);
    }

    public Task DropAsync(string name, CancellationToken cancellationToken)
    {
        var file = FileOf(name);
        foreach (var path in Companions.Select(suffix => file + suffix).Prepend(file))
            File.Delete(path);
        if (Directory.Exists(_folder))
        {
            foreach (var lockFile in Directory.EnumerateFiles(_folder, Path.GetFileName(file) + ".*.lock"))
                File.Delete(lockFile);
        }
        return Task.CompletedTask;
    }

    public string UrlFor(string name) => "sqlite:" + FileOf(name);

    private string FileOf(string name) =>
        name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or ".."
            ? throw new ArgumentException($"'{name}' cannot name a database file", nameof(name))
            : Path.Combine(_folder, name + ".db");
}
