using System.Net;
using System.Net.Sockets;

namespace BuildMigrations.Sandbox.Local;

/// <summary>Finds a TCP port on the loopback interface that nobody is listening on right now.</summary>
internal static class FreePort
{
    /// <summary>
    /// Lets the operating system pick an unused port. The port is released again before returning,
    /// so another process may grab it before we use it; callers must be ready to retry.
    /// </summary>
    public static int Pick()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
