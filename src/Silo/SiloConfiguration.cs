using ClipGeometry.Grains.Hosting;
using ClipGeometry.Grains.Placement;
using ClipGeometry.Sweep;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace ClipGeometry.Silo;

/// <summary>
/// Turns <see cref="SiloOptions"/> into an Orleans silo: clustering and endpoints, grain storage and reminders
/// (memory or Redis), membership timings, device metadata and placement, activity propagation.
/// </summary>
public static class SiloConfiguration
{
    /// <summary>The name of the grain storage provider grains persist to (also registered as the default).</summary>
    public const string StorageName = ClipGeometrySiloConfiguration.StorageName;

    /// <summary>Configures a whole silo for <c>clipgeo-silo</c>.</summary>
    public static ISiloBuilder Configure(
        ISiloBuilder silo, SiloOptions options, SiloDevices devices, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = SiloOptions.ServiceId;
        });
        if (options.Clustering == ClusteringKind.Redis)
        {
            silo.UseRedisClustering(redis => redis.ConfigurationOptions = RedisOptions(options.Redis!));
            AddRedisStorage(silo, options.Redis!);
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, SiloOptions.ServiceId, options.ClusterId);
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddMemoryGrainStorage(StorageName);
            silo.UseInMemoryReminderService();
        }
        silo.ConfigureEndpoints(options.Advertise, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        silo.Services.AddSingleton(options);
        ClipGeometrySiloConfiguration.AddServices(silo.Services, new ClipGeometrySiloOptions
        {
            StoreDirectory = options.Store ?? ArtifactStore.DefaultRoot,
            SiloPort = options.SiloPort,
            GatewayPort = options.GatewayPort,
            ClusterId = options.ClusterId,
            ServiceId = SiloOptions.ServiceId,
        });
        return ConfigureRuntime(silo, options.FastMembership, devices, configuration);
    }

    /// <summary>
    /// What every silo of a cluster shares whatever hosts it (the silo process, a test cluster, an in-process
    /// silo): membership timings, device metadata and the GPU placement filter, activity propagation.
    /// </summary>
    public static ISiloBuilder ConfigureRuntime(
        ISiloBuilder silo, bool fastMembership, SiloDevices devices, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (fastMembership)
        {
            silo.Configure<ClusterMembershipOptions>(MembershipTimings.ApplyFast);
        }
        var membership = configuration?.GetSection("Membership");
        if (membership is not null && membership.Exists())
        {
            silo.Services.Configure<ClusterMembershipOptions>(membership);
        }
        silo.AddDevicePlacement(devices);
        silo.AddActivityPropagation();
        return silo;
    }

    /// <summary>Grain state (default and <see cref="StorageName"/>) and reminders in Redis.</summary>
    public static ISiloBuilder AddRedisStorage(ISiloBuilder silo, string redisEndpoint)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddRedisGrainStorageAsDefault(storage => storage.ConfigurationOptions = RedisOptions(redisEndpoint));
        silo.AddRedisGrainStorage(StorageName, storage => storage.ConfigurationOptions = RedisOptions(redisEndpoint));
        silo.UseRedisReminderService(reminders => reminders.ConfigurationOptions = RedisOptions(redisEndpoint));
        return silo;
    }

    /// <summary>StackExchange.Redis options for <c>HOST:PORT</c>: reconnect in the background, never abort.</summary>
    public static ConfigurationOptions RedisOptions(string endpoint)
    {
        var options = ConfigurationOptions.Parse(endpoint);
        options.AbortOnConnectFail = false;
        return options;
    }
}
