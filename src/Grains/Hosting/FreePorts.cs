using System.Net;
using System.Net.Sockets;

namespace ClipGeometry.Grains.Hosting;

/// <summary>Free loopback ports, so that silos and tests running at once never clash on fixed ones.</summary>
public static class FreePorts
{
    /// <summary><paramref name="count"/> distinct ports free on loopback right now.</summary>
    public static int[] Pick(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(static l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
