using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace ClipGeometry.Grains.Placement;

/// <summary>Registers device metadata and the GPU-preferring placement filter on a silo.</summary>
public static class DevicePlacementSiloBuilderExtensions
{
    /// <summary>
    /// Advertises <paramref name="devices"/> as this silo's metadata and registers the director behind
    /// <see cref="GpuPreferredPlacementFilterAttribute"/>. Every silo of a cluster must call this.
    /// </summary>
    public static ISiloBuilder AddDevicePlacement(this ISiloBuilder silo, SiloDevices devices)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(devices);
        silo.UseSiloMetadata(devices.ToMetadata());
        silo.Services.AddPlacementFilter<GpuPreferredPlacementFilterStrategy, GpuPreferredPlacementFilterDirector>(
            ServiceLifetime.Singleton);
        silo.Services.AddSingleton(devices);
        return silo;
    }
}
