using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ClipGeometry.Sweep;

/// <summary>
/// The project's activity source and meter, both named <c>clipgeo</c>, with every instrument: defined here, in the
/// library, so that the sweep's own calls (<see cref="ShardEmbedder"/>'s batches) and the grains record to the same
/// ones through the BCL's <see cref="System.Diagnostics"/> types alone (no OpenTelemetry or Orleans here). Silo and
/// client export them. Activities: <c>clipgeo.sweep</c> → <c>clipgeo.unit</c> → <c>clipgeo.batch</c>.
/// </summary>
public static class SweepTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "clipgeo";

    /// <summary>Activity name of a whole sweep.</summary>
    public const string SweepActivity = "clipgeo.sweep";

    /// <summary>Activity name of one work unit (embed a shard at a level, a persistence, a metric).</summary>
    public const string UnitActivity = "clipgeo.unit";

    /// <summary>Activity name of one encoder batch.</summary>
    public const string BatchActivity = "clipgeo.batch";

    private static readonly string Version =
        typeof(SweepTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>Traces of sweeps, units and batches.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>The <c>clipgeo</c> meter.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>Images embedded (one per image and level), tagged <c>device</c>.</summary>
    public static Counter<long> ImagesEmbedded { get; } =
        Meter.CreateCounter<long>("clipgeo.images.embedded", "{image}", "Images embedded, one per image and level.");

    /// <summary>Seconds from a batch's submission to its vectors, tagged <c>device</c>.</summary>
    public static Histogram<double> BatchLatency { get; } =
        Meter.CreateHistogram<double>("clipgeo.batch.latency", "s", "Time to embed one batch.");

    /// <summary>Shards waiting in embedding workers' queues, tagged <c>worker</c>.</summary>
    public static UpDownCounter<long> QueueDepth { get; } =
        Meter.CreateUpDownCounter<long>("clipgeo.queue.depth", "{shard}", "Shards queued at embedding workers.");

    /// <summary>Seconds one persistence computation took.</summary>
    public static Histogram<double> PersistenceDuration { get; } =
        Meter.CreateHistogram<double>("clipgeo.persistence.duration", "s", "Time of one persistence computation.");

    /// <summary>Points of one persistence computation (after subsampling).</summary>
    public static Histogram<long> PersistenceSize { get; } =
        Meter.CreateHistogram<long>("clipgeo.persistence.size", "{point}", "Points in one persistence computation.");

    /// <summary>Work units dispatched again after a lost silo or an expired lease.</summary>
    public static Counter<long> UnitsRetried { get; } =
        Meter.CreateCounter<long>("clipgeo.units.retried", "{unit}", "Work units dispatched again.");

    /// <summary>Errors, tagged <c>kind</c> (image, unit, sweep).</summary>
    public static Counter<long> Errors { get; } =
        Meter.CreateCounter<long>("clipgeo.errors", "{error}", "Errors: bad images, failed units, failed sweeps.");
}
