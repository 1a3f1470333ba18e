using Microsoft.Extensions.Hosting;

// clipgeo-silo: a single silo on loopback until the cluster issue adds configuration, storage and telemetry.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(static silo => silo.UseLocalhostClustering());
using var host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
