using Orleans.Placement;

namespace ClipGeometry.Grains.Placement;

/// <summary>
/// Places a grain's activations on silos that advertise a GPU (silo metadata written by
/// <see cref="SiloDevices.ToMetadata"/>) when the cluster has any, and on any silo otherwise. Orleans' own
/// metadata filters compare with the calling silo's values, and its required-match filter fails the call when
/// no silo matches; this one falls back explicitly.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class GpuPreferredPlacementFilterAttribute : PlacementFilterAttribute
{
    /// <summary>Applies the filter with order 0.</summary>
    public GpuPreferredPlacementFilterAttribute()
        : base(new GpuPreferredPlacementFilterStrategy(0))
    {
    }
}
