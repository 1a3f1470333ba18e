using ClipGeometry.Grains.Placement;

namespace ClipGeometry.Silo.Tests;

/// <summary>Where an activation landed: its silo and whether that silo advertises a GPU.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PlacementReport([property: Id(0)] string Silo, [property: Id(1)] bool SiloHasGpu);

/// <summary>A grain placed like the embedding worker, reporting where it was activated.</summary>
public interface IPlacementProbeGrain : IGrainWithIntegerKey
{
    Task<PlacementReport> Where();
}

/// <summary>Stands in for <c>EmbeddingWorkerGrain</c> until the sweep's grains are merged.</summary>
[GpuPreferredPlacementFilter]
public sealed class PlacementProbeGrain(SiloDevices devices, ILocalSiloDetails silo) : Grain, IPlacementProbeGrain
{
    public Task<PlacementReport> Where() => Task.FromResult(new PlacementReport(silo.SiloAddress.ToString(), devices.HasGpu));
}
