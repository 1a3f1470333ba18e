using ClipGeometry.Grains.Hosting;
using ClipGeometry.Sweep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClipGeometry.Client.Sweeps;

/// <summary>
/// The client's one way to reach grains: an in-process silo (the embedded default: this process hosts the silo and
/// the grains, on free loopback ports) or a client of a named cluster, with a connect timeout (a client with no
/// gateway would otherwise wait forever).
/// </summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host, IClusterClient client, string mode)
    {
        _host = host;
        Client = client;
        Mode = mode;
    }

    public IClusterClient Client { get; }

    /// <summary><c>in-process</c> or <c>cluster</c>.</summary>
    public string Mode { get; }

    /// <summary>Starts a silo in this process with its artifact store at <paramref name="store"/>.</summary>
    public static async Task<ClusterConnection> InProcessAsync(string store, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => ClipGeometrySiloConfiguration.Configure(silo, new ClipGeometrySiloOptions { StoreDirectory = store }));
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ClusterConnection(host, host.Services.GetRequiredService<IClusterClient>(), "in-process");
    }

    /// <summary>Joins <paramref name="target"/> as a client; fails in one sentence when no gateway answers in time.</summary>
    public static async Task<ClusterConnection> JoinAsync(ClusterTarget target, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            if (target.Clustering == "redis")
            {
                var redis = StackExchange.Redis.ConfigurationOptions.Parse(target.Redis!);
                redis.AbortOnConnectFail = false;
                client.UseRedisClustering(options => options.ConfigurationOptions = redis);
                client.Configure<Orleans.Configuration.ClusterOptions>(options =>
                {
                    options.ClusterId = target.ClusterId;
                    options.ServiceId = "clipgeo";
                });
                // Move off a dead silo's gateway within seconds (default: a minute).
                client.Configure<Orleans.Configuration.GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            }
            else
            {
                client.UseLocalhostClustering(target.GatewayPort, "clipgeo", target.ClusterId);
            }
        });
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(target.ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or Orleans.Runtime.OrleansException or TimeoutException or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new IOException(target.Clustering == "redis"
                ? $"no silo of cluster '{target.ClusterId}' registered in Redis at {target.Redis} answered within {target.ConnectTimeout.TotalSeconds:0.#} s (--redis, --cluster-id, --connect-timeout)."
                : $"the cluster '{target.ClusterId}' did not answer on gateway port {target.GatewayPort} within {target.ConnectTimeout.TotalSeconds:0.#} s (--gateway-port, --connect-timeout).", e);
        }

        return new ClusterConnection(host, host.Services.GetRequiredService<IClusterClient>(), "cluster");
    }

    /// <summary>The default store for in-process sweeps.</summary>
    public static string DefaultStore => ArtifactStore.DefaultRoot;

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _host.StopAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
