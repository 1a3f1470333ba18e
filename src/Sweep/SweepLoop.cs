using System.Diagnostics;
using ClipGeometry.Embedding.Models;

namespace ClipGeometry.Sweep;

/// <summary>
/// A whole sweep by direct library calls in one loop, without grains: the reference the grain-driven sweep is
/// compared with (in tests, byte for byte; in bench/sweep, for the cluster's overhead).
/// </summary>
public static class SweepLoop
{
    /// <summary>Runs every unit of <paramref name="spec"/> in order; returns the results folder's path relative to the store.</summary>
    public static string Run(ArtifactStore store, string sweepId, SweepSpec spec, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        var created = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        var timings = new Dictionary<string, double>(StringComparer.Ordinal);
        var plan = spec.IsZeroShot ? PlanZeroShot(store, sweepId, spec, cancellationToken) : SweepUnits.Plan(store, sweepId, spec);
        timings["plan"] = clock.Elapsed.TotalSeconds;

        clock.Restart();
        using (var encoder = new ImageEncoder(spec.Model, new EncoderOptions { Provider = ExecutionProviderPreference.Cpu, Notice = static _ => { } }))
        {
            var embedder = new ShardEmbedder(encoder);
            foreach (var shard in plan.Shards)
            {
                SweepUnits.Embed(store, sweepId, spec, plan, shard, embedder, null, cancellationToken);
                progress?.Report(shard.Key);
            }
        }

        SweepUnits.Texts(store, sweepId, spec, plan, cancellationToken);
        progress?.Report(SweepUnits.TextsKey);
        timings["embed"] = clock.Elapsed.TotalSeconds;
        var units = SweepUnits.All(spec, plan);
        foreach (string stage in new[] { "persistence", "metrics" })
        {
            clock.Restart();
            foreach (var unit in units.Where(u => u.Stage == stage && u.Kind != SweepUnits.ResultsKind))
            {
                SweepUnits.Run(store, sweepId, spec, plan, unit, cancellationToken);
                progress?.Report(unit.Key);
            }

            timings[stage] = clock.Elapsed.TotalSeconds;
        }

        var info = new SweepRunInfo
        {
            CreatedUtc = created,
            Timings = timings,
            Mode = "in-process",
            Silos = [SiloDescription.Local("local")],
            UnitsTotal = units.Count,
        };
        timings["total"] = total.Elapsed.TotalSeconds;
        return SweepResultsWriter.Write(store, sweepId, spec, plan, info, cancellationToken);
    }

    /// <summary>The zero-shot planning phase by direct calls: every classification shard embedded at the reference level, then categorised and sampled.</summary>
    private static SweepPlan PlanZeroShot(ArtifactStore store, string sweepId, SweepSpec spec, CancellationToken cancellationToken)
    {
        var classification = SweepUnits.PlanClassification(store, sweepId, spec);
        using (var encoder = new ImageEncoder(spec.Model, new EncoderOptions { Provider = ExecutionProviderPreference.Cpu, Notice = static _ => { } }))
        {
            var embedder = new ShardEmbedder(encoder);
            foreach (var shard in classification.Shards)
            {
                SweepUnits.Classify(store, sweepId, spec, classification, shard, embedder, cancellationToken);
            }
        }

        return SweepUnits.PlanZeroShot(store, sweepId, spec, classification, cancellationToken);
    }
}
