using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BuildMigrations.Tool.Tests;

/// <summary>
/// A NuGet v3 feed on 127.0.0.1 serving only what restore needs to fetch one version: the service index with a
/// PackageBaseAddress (flat container) resource, each package's version list, and the .nupkg files. With a user and
/// password it answers 401 with a Basic challenge until a request carries them, as a private feed does.
/// </summary>
public sealed class StaticV3Feed : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly string? _authorization;
    private readonly Task _serving;
    private int _authorized;

    public StaticV3Feed(IEnumerable<string> packages, string? user = null, string? password = null)
    {
        Root = $"http://127.0.0.1:{FreePort()}/";
        if (user is not null)
            _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        _files["v3/index.json"] = Encoding.UTF8.GetBytes(
            $$"""{"version":"3.0.0","resources":[{"@id":"{{Root}}v3/flat/","@type":"PackageBaseAddress/3.0.0"}]}""");
        foreach (var group in packages.Select(p => (Identity: IdentityOf(p), Path: p)).GroupBy(p => p.Identity.Id.ToLowerInvariant()))
        {
            var versions = group.Select(p => p.Identity.Version.ToNormalizedString().ToLowerInvariant()).ToList();
            _files[$"v3/flat/{group.Key}/index.json"] = Encoding.UTF8.GetBytes($$"""{"versions":[{{string.Join(",", versions.Select(v => $"\"{v}\""))}}]}""");
            foreach (var (identity, path) in group)
            {
                var version = identity.Version.ToNormalizedString().ToLowerInvariant();
                _files[$"v3/flat/{group.Key}/{version}/{group.Key}.{version}.nupkg"] = File.ReadAllBytes(path);
            }
        }
        _listener.Prefixes.Add(Root);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Root { get; }

    public string IndexUrl => $"{Root}v3/index.json";

    /// <summary>Requests answered with content (after authentication, when required).</summary>
    public int Served => Volatile.Read(ref _authorized);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var response = context.Response;
            if (_authorization is not null && context.Request.Headers["Authorization"] != _authorization)
            {
                response.StatusCode = 401;
                response.AddHeader("WWW-Authenticate", "Basic realm=\"feed\"");
                continue;
            }
            Interlocked.Increment(ref _authorized);
            if (_files.TryGetValue(context.Request.Url!.AbsolutePath.TrimStart('/'), out var body))
            {
                response.ContentType = body.Length > 0 && body[0] == '{' ? "application/json" : "application/octet-stream";
                await response.OutputStream.WriteAsync(body);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
    }

    private static NuGet.Packaging.Core.PackageIdentity IdentityOf(string package)
    {
        using var reader = new NuGet.Packaging.PackageArchiveReader(package);
        return reader.GetIdentity();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_listener.IsListening)
            return;
        // Close alone: after Stop, the managed listener's Close binds the port again to remove its prefix, and fails
        // with "address already in use" when another test's server has taken the port meanwhile.
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
