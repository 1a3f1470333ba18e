using System.Diagnostics;
using System.Diagnostics.Metrics;
using ClipGeometry.Sweep;

namespace ClipGeometry.Grains.Telemetry;

/// <summary>
/// The grains' view of the project's activity source and meter, both named <c>clipgeo</c>: the same objects as
/// <see cref="SweepTelemetry"/> (the library defines them, so that <see cref="ShardEmbedder"/>'s batch spans and
/// measurements join the grains' spans). Silo and client export them (OTLP, Prometheus as <c>clipgeo_*</c>) beside
/// Orleans' <c>Microsoft.Orleans</c> meter. Activities: <c>clipgeo.sweep</c> (coordinator) → <c>clipgeo.unit</c>
/// (embedding worker, topology grain) → <c>clipgeo.batch</c> (<see cref="ShardEmbedder"/>), joined across silos by
/// Orleans' activity propagation.
/// </summary>
public static class ClipGeoTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = SweepTelemetry.Name;

    /// <summary>Activity name of a whole sweep.</summary>
    public const string SweepActivity = SweepTelemetry.SweepActivity;

    /// <summary>Activity name of one work unit (embed a shard at a level, a persistence, a metric).</summary>
    public const string UnitActivity = SweepTelemetry.UnitActivity;

    /// <summary>Activity name of one encoder batch.</summary>
    public const string BatchActivity = SweepTelemetry.BatchActivity;

    /// <summary>Tag of a unit span: the silo it ran on.</summary>
    public const string SiloTag = "clipgeo.silo";

    /// <summary>Traces of sweeps, units and batches.</summary>
    public static ActivitySource ActivitySource => SweepTelemetry.ActivitySource;

    /// <summary>The <c>clipgeo</c> meter.</summary>
    public static Meter Meter => SweepTelemetry.Meter;

    /// <summary>Images embedded (one per image and level), tagged <c>device</c>.</summary>
    public static Counter<long> ImagesEmbedded => SweepTelemetry.ImagesEmbedded;

    /// <summary>Seconds from a batch's submission to its vectors, tagged <c>device</c>.</summary>
    public static Histogram<double> BatchLatency => SweepTelemetry.BatchLatency;

    /// <summary>Shards waiting in embedding workers' queues, tagged <c>worker</c>.</summary>
    public static UpDownCounter<long> QueueDepth => SweepTelemetry.QueueDepth;

    /// <summary>Seconds one persistence computation took.</summary>
    public static Histogram<double> PersistenceDuration => SweepTelemetry.PersistenceDuration;

    /// <summary>Points of one persistence computation (after subsampling).</summary>
    public static Histogram<long> PersistenceSize => SweepTelemetry.PersistenceSize;

    /// <summary>Work units dispatched again after a lost silo or an expired lease.</summary>
    public static Counter<long> UnitsRetried => SweepTelemetry.UnitsRetried;

    /// <summary>Errors, tagged <c>kind</c> (image, unit, sweep).</summary>
    public static Counter<long> Errors => SweepTelemetry.Errors;
}
