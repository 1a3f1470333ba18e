using System.Net;
using System.Net.Sockets;

namespace ClipGeometry.Silo.Tests;

/// <summary>Free loopback ports for servers started by tests (others run tests on this machine at once).</summary>
internal static class FreePorts
{
    public static int Next()
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
