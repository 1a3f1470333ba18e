using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace ClipGeometry.Grains.Placement;

/// <summary>
/// Filters placement candidates to the silos whose metadata advertises a GPU; when none does (a CPU-only
/// cluster, or GPU silos all gone), every candidate stays, so the grain still activates.
/// </summary>
public sealed class GpuPreferredPlacementFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    /// <inheritdoc />
    public IEnumerable<SiloAddress> Filter(
        PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var candidates = silos as IReadOnlyCollection<SiloAddress> ?? silos.ToList();
        var withGpu = candidates
            .Where(silo => SiloDevices.AdvertisesGpu(metadata.GetSiloMetadata(silo).Metadata))
            .ToList();
        return withGpu.Count > 0 ? withGpu : candidates;
    }
}
