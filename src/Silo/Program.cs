using ClipGeometry.Grains.Placement;
using ClipGeometry.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// clipgeo-silo: one silo of a ClipGeometry cluster. Exit 0 when stopped, 1 when the silo fails, 2 on a bad option.
SiloOptions options;
IConfigurationRoot configuration;
SiloDevices devices;
try
{
    configuration = SiloOptionsReader.BuildConfiguration(args);
    options = SiloOptionsReader.Read(configuration);
    if (options.ShowHelp)
    {
        Console.Out.WriteLine(SiloHelp.Text);
        return 0;
    }
    devices = SiloDevices.Resolve(options.Devices, options.AdvertiseGpus);
}
catch (Exception e) when (e is SiloUsageException or ArgumentException)
{
    await Console.Error.WriteLineAsync($"clipgeo-silo: {e.Message}").ConfigureAwait(false);
    return 2;
}

var problem = SiloPreflight.CheckPorts(options) ?? SiloPreflight.PrepareStore(options.Store);
if (problem is null && options.Clustering == ClusteringKind.Redis)
{
    problem = await SiloPreflight.CheckRedisAsync(options.Redis!, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
}
if (problem is not null)
{
    await Console.Error.WriteLineAsync($"clipgeo-silo: {problem}").ConfigureAwait(false);
    return 1;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
builder.Configuration.AddConfiguration(configuration);
builder.UseOrleans(silo => SiloConfiguration.Configure(silo, options, devices, configuration));
builder.Services.AddSiloTelemetry(options, "clipgeo-silo");
using var host = builder.Build();
var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ClipGeometry.Silo");
if (devices.HasGpu)
{
    SiloLog.GpuDevices(logger, devices.Describe());
}
else
{
    SiloLog.CpuOnly(logger, devices.CpuReason, devices.Cores);
}
if (options.ListensBeyondLoopback)
{
    SiloLog.Unauthenticated(logger, options.Advertise, options.GatewayPort);
}
try
{
    await host.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (Exception e) when (e is OrleansException or InvalidOperationException or System.Net.Sockets.SocketException)
{
    await Console.Error.WriteLineAsync($"clipgeo-silo: the silo failed: {e.Message}").ConfigureAwait(false);
    return 1;
}
