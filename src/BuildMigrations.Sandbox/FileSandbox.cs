using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;

namespace BuildMigrations.Sandbox;

/// <summary>Throwaway file databases (SQLite): a private temporary folder, removed with everything in it.</summary>
internal static class FileSandbox
{
    public static IDatabaseSandbox Open(string engine, IEngineProvider provider)
    {
        var folder = Directory.CreateTempSubdirectory("bm-sandbox-").FullName;
        var reaper = Reaper.AfterThisProcess($"rm -rf {Reaper.Quote(folder)}");
        var catalog = provider.OpenCatalog(ConnectionTarget.Resolve($"{engine}:{folder}", engine));
        return new ServerSandbox(engine, catalog, $"temporary files in {folder}", new Folder(folder, reaper));
    }

    private sealed class Folder(string path, Reaper reaper) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
            reaper.Dismiss();
            return ValueTask.CompletedTask;
        }
    }
}
