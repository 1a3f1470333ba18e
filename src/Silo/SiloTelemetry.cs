using ClipGeometry.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ClipGeometry.Silo;

/// <summary>
/// OpenTelemetry for a silo: the <c>clipgeo</c> and <c>Microsoft.Orleans</c> meters to OTLP and/or a Prometheus
/// scrape endpoint (<c>http://HOST:PORT/metrics</c>, series <c>clipgeo_*</c> and <c>orleans_*</c>), and the
/// <c>clipgeo</c> and Orleans application activities to OTLP.
/// </summary>
public static class SiloTelemetry
{
    /// <summary>The activity sources exported beside <c>clipgeo</c>.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Lifecycle", "Microsoft.Orleans.Storage"];

    /// <summary>The Orleans meter.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Registers the exporters the options ask for; nothing when neither endpoint is given.</summary>
    public static IServiceCollection AddSiloTelemetry(this IServiceCollection services, SiloOptions options, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.OtlpEndpoint is null && options.PrometheusPort is null)
        {
            return services;
        }
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: $"{options.Advertise}:{options.SiloPort}"));
        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter(ClipGeoTelemetry.Name, OrleansMeter);
            if (options.PrometheusPort is { } port)
            {
                metrics.AddPrometheusHttpListener(listener =>
                {
                    listener.Host = options.ListensBeyondLoopback ? options.Advertise.ToString() : "localhost";
                    listener.Port = port;
                });
            }
            if (options.OtlpEndpoint is { } endpoint)
            {
                metrics.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
            }
        });
        if (options.OtlpEndpoint is { } traceEndpoint)
        {
            otel.WithTracing(tracing => tracing
                .AddSource(ClipGeoTelemetry.Name)
                .AddSource(OrleansSources)
                .AddOtlpExporter(otlp => otlp.Endpoint = traceEndpoint));
        }
        return services;
    }
}
