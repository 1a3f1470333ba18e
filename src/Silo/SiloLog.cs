using System.Net;
using Microsoft.Extensions.Logging;

namespace ClipGeometry.Silo;

/// <summary>The silo host's log messages.</summary>
public static partial class SiloLog
{
    /// <summary>The devices embedding workers will use.</summary>
    [LoggerMessage(1, LogLevel.Information, "Embedding devices: {Devices}.")]
    public static partial void GpuDevices(ILogger logger, string devices);

    /// <summary>Said once when the silo has no GPU.</summary>
    [LoggerMessage(2, LogLevel.Information, "No CUDA device ({Reason}): this silo runs CPU embedding workers on {Cores} cores.")]
    public static partial void CpuOnly(ILogger logger, string reason, int cores);

    /// <summary>Listening beyond loopback without TLS.</summary>
    [LoggerMessage(3, LogLevel.Warning, "Listening on {Address} beyond loopback: the gateway (port {Port}) is unauthenticated until TLS is configured; expose it only on a trusted network.")]
    public static partial void Unauthenticated(ILogger logger, IPAddress address, int port);
}
