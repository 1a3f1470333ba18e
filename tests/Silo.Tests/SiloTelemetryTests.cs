using ClipGeometry.Grains.Placement;
using ClipGeometry.Grains.Telemetry;
using Microsoft.Extensions.Hosting;

namespace ClipGeometry.Silo.Tests;

/// <summary>The silo's Prometheus endpoint serves the project's <c>clipgeo_*</c> series beside Orleans' own.</summary>
public sealed class SiloTelemetryTests
{
    [Fact]
    public async Task Prometheus_endpoint_serves_clipgeo_and_orleans_series()
    {
        var options = new SiloOptions
        {
            SiloPort = FreePorts.Next(),
            GatewayPort = FreePorts.Next(),
            PrometheusPort = FreePorts.Next(),
            ClusterId = $"telemetry-{Guid.NewGuid():N}",
        };
        var devices = SiloDevices.Resolve("cpu", 0);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, options, devices, builder.Configuration));
        builder.Services.AddSiloTelemetry(options, "clipgeo-silo-test");
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            ClipGeoTelemetry.ImagesEmbedded.Add(7, new KeyValuePair<string, object?>("device", "telemetry-test"));
            ClipGeoTelemetry.PersistenceDuration.Record(0.25);
            ClipGeoTelemetry.UnitsRetried.Add(1);
            using var http = new HttpClient();
            var text = await http.GetStringAsync(new Uri($"http://localhost:{options.PrometheusPort}/metrics"));
            Assert.Contains("clipgeo_images_embedded_total{", text, StringComparison.Ordinal);
            Assert.Contains("device=\"telemetry-test\"", text, StringComparison.Ordinal);
            Assert.Contains("clipgeo_persistence_duration_seconds_bucket", text, StringComparison.Ordinal);
            Assert.Contains("clipgeo_units_retried_total", text, StringComparison.Ordinal);
            Assert.Contains("orleans_", text, StringComparison.Ordinal);
            var line = text.Split('\n').Single(l => l.StartsWith("clipgeo_images_embedded_total{", StringComparison.Ordinal)
                && l.Contains("telemetry-test", StringComparison.Ordinal));
            Assert.EndsWith(" 7", line.Split(' ', 3) is [var name, var value, ..] ? $"{name} {value}" : line, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
