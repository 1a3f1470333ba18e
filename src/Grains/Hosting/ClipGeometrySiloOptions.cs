namespace ClipGeometry.Grains.Hosting;

/// <summary>What a ClipGeometry silo needs to know (the cluster engineer's host adds Redis and telemetry).</summary>
public sealed record ClipGeometrySiloOptions
{
    /// <summary>The artifact store's folder, shared by every silo.</summary>
    public string StoreDirectory { get; init; } = Sweep.ArtifactStore.DefaultRoot;

    /// <summary>The silo-to-silo port (0: a free loopback port).</summary>
    public int SiloPort { get; init; }

    /// <summary>The gateway port clients connect to (0: a free loopback port).</summary>
    public int GatewayPort { get; init; }

    /// <summary>The cluster's id.</summary>
    public string ClusterId { get; init; } = "clipgeo";

    /// <summary>The service's id.</summary>
    public string ServiceId { get; init; } = "clipgeo";

    /// <summary>Long-work units that may run at once on this silo (0: the processor count).</summary>
    public int WorkSlots { get; init; }

    /// <summary>Bytes persistence may use at once on this silo (0: half of the memory available).</summary>
    public long PersistenceMemoryBytes { get; init; }
}
