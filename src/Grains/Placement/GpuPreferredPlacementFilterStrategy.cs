using Orleans.Placement;

namespace ClipGeometry.Grains.Placement;

/// <summary>
/// The placement filter of <see cref="GpuPreferredPlacementFilterAttribute"/>: keep the candidate silos that
/// advertise a GPU when there are any, otherwise keep them all.
/// </summary>
public sealed class GpuPreferredPlacementFilterStrategy : PlacementFilterStrategy
{
    /// <summary>Creates the strategy with order 0 (the resolver then reads the order from grain properties).</summary>
    public GpuPreferredPlacementFilterStrategy()
        : base(0)
    {
    }

    /// <summary>Creates the strategy with an explicit order among filters.</summary>
    public GpuPreferredPlacementFilterStrategy(int order)
        : base(order)
    {
    }
}
