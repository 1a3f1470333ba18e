using System.Net;

namespace ClipGeometry.Silo;

/// <summary>
/// The settings of one <c>clipgeo-silo</c>, read by <see cref="SiloOptionsReader"/> from the command line,
/// <c>CLIPGEO_*</c> environment variables and <c>appsettings.json</c> (in that order of precedence).
/// </summary>
public sealed class SiloOptions
{
    /// <summary>The service id shared by every cluster of this product (stored state is keyed by it).</summary>
    public const string ServiceId = "clipgeo";

    /// <summary>Localhost (development) or Redis clustering.</summary>
    public ClusteringKind Clustering { get; init; } = ClusteringKind.Localhost;

    /// <summary>The Redis endpoint, <c>HOST:PORT</c>; required with Redis clustering.</summary>
    public string? Redis { get; init; }

    /// <summary>The cluster id: silos and clients with the same id form one cluster.</summary>
    public string ClusterId { get; init; } = "clipgeo";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The address advertised to the cluster and listened on; loopback unless told otherwise.</summary>
    public IPAddress Advertise { get; init; } = IPAddress.Loopback;

    /// <summary>The artifact store directory shared by all silos (embeddings, diagrams).</summary>
    public string? Store { get; init; }

    /// <summary><c>auto</c>, <c>cpu</c> or <c>cuda:0,1</c>.</summary>
    public string Devices { get; init; } = "auto";

    /// <summary>Testing: advertise this many simulated GPUs instead of probing CUDA (0: off).</summary>
    public int AdvertiseGpus { get; init; }

    /// <summary>OTLP endpoint for traces and metrics (none when null).</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>Port of the Prometheus scrape endpoint (none when null).</summary>
    public int? PrometheusPort { get; init; }

    /// <summary>Membership timings tuned to detect a dead silo in about a second (tests, local clusters).</summary>
    public bool FastMembership { get; init; }

    /// <summary>True when <c>--help</c> was asked.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>True when the silo listens beyond loopback.</summary>
    public bool ListensBeyondLoopback => !IPAddress.IsLoopback(Advertise);
}
