using ClipGeometry.Grains.Placement;
using ClipGeometry.Grains.Work;
using ClipGeometry.Sweep;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace ClipGeometry.Grains.Hosting;

/// <summary>
/// The silo configuration shared by the in-process client and clipgeo-silo: localhost clustering on loopback
/// (free ports unless given), in-memory grain storage named <see cref="StorageName"/>, in-memory reminders, and
/// the services the grains use (the artifact store, the bounded work pool, the persistence memory budget).
/// </summary>
public static class ClipGeometrySiloConfiguration
{
    /// <summary>The grain storage provider's name.</summary>
    public const string StorageName = "clipgeo";

    /// <summary>Configures <paramref name="silo"/> with <paramref name="options"/>.</summary>
    public static ISiloBuilder Configure(ISiloBuilder silo, ClipGeometrySiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        int[] free = FreePorts.Pick(2);
        int siloPort = options.SiloPort > 0 ? options.SiloPort : free[0];
        int gatewayPort = options.GatewayPort > 0 ? options.GatewayPort : free[1];
        silo.UseLocalhostClustering(siloPort, gatewayPort, null, options.ServiceId, options.ClusterId);
        silo.AddMemoryGrainStorage(StorageName);
        silo.UseInMemoryReminderService();
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.AddDevicePlacement(SiloDevices.Resolve("auto", simulatedGpus: 0));
        AddServices(silo.Services, options);
        return silo;
    }

    /// <summary>Registers the grains' services (for hosts that configure clustering and storage themselves).</summary>
    public static IServiceCollection AddServices(IServiceCollection services, ClipGeometrySiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(_ => new ArtifactStore(options.StoreDirectory));
        services.AddSingleton(_ => new SiloWorkPool(options.WorkSlots));
        services.AddSingleton(_ => new MemoryBudget(options.PersistenceMemoryBytes > 0
            ? options.PersistenceMemoryBytes
            : Math.Max(1L << 28, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2)));
        return services;
    }
}
