using System.Net.Sockets;
using StackExchange.Redis;

namespace ClipGeometry.Silo;

/// <summary>
/// Checks made before the silo starts, so a failure is one sentence instead of a stack trace from deep inside
/// Orleans: the ports are free on the advertised address, and Redis answers.
/// </summary>
public static class SiloPreflight
{
    /// <summary>Returns the sentence describing the first port that cannot be bound, or null when all can.</summary>
    public static string? CheckPorts(SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ports = new List<(string Option, int Port)> { ("--silo-port", options.SiloPort), ("--gateway-port", options.GatewayPort) };
        if (options.PrometheusPort is { } prometheus)
        {
            ports.Add(("--prometheus-port", prometheus));
        }
        foreach (var (option, port) in ports)
        {
            var listener = new TcpListener(options.Advertise, port);
            try
            {
                listener.Start();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return $"{option} {port} is already in use on {options.Advertise}; stop the process holding it or choose another port.";
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AccessDenied)
            {
                return e.SocketErrorCode == SocketError.AccessDenied
                    ? $"{option} {port} on {options.Advertise} is not allowed for this user; choose a port above 1023."
                    : $"--advertise {options.Advertise} is not an address of this machine.";
            }
            finally
            {
                listener.Stop();
            }
        }
        return null;
    }

    /// <summary>Returns the sentence saying Redis is unreachable, or null when it answers a PING.</summary>
    public static async Task<string?> CheckRedisAsync(string endpoint, TimeSpan timeout)
    {
        var options = ConfigurationOptions.Parse(endpoint);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = (int)timeout.TotalMilliseconds;
        options.ConnectRetry = 1;
        try
        {
            using var redis = await ConnectionMultiplexer.ConnectAsync(options, TextWriter.Null).ConfigureAwait(false);
            await redis.GetDatabase().PingAsync().ConfigureAwait(false);
            return null;
        }
        catch (RedisException)
        {
            return $"Redis at {endpoint} (--redis) is unreachable; start redis-server there or name the right HOST:PORT.";
        }
    }

    /// <summary>Creates the artifact store directory; returns the sentence of the failure, or null.</summary>
    public static string? PrepareStore(string? store)
    {
        if (store is null)
        {
            return null;
        }
        try
        {
            Directory.CreateDirectory(store);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--store {store} cannot be created or written: {e.Message}";
        }
    }
}
