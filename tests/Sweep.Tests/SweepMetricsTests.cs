using System.Globalization;
using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Sweep.Tests;

/// <summary>The metrics and bootstrap replicates as units of their own: chunked, idempotent, assembled in a fixed order.</summary>
public sealed class SweepMetricsTests
{
    private static readonly string[] MetricsOrder =
        [SweepUnits.NullKind, SweepUnits.WassersteinReplicatesKind, SweepUnits.WassersteinKind, SweepUnits.SimilarityKind, SweepUnits.AnglesKind];

    private static readonly string[] Tables = ["wasserstein.csv", "subspace_angles.csv", "similarity.csv"];

    // B = 30 is two replicate units per (level, point set): 25 and 5.
    private static SweepSpec Spec(string dataset) => new()
    {
        Dataset = dataset,
        Model = SweepTestData.TinyClip,
        Perturbations = "blur:0,1,2",
        ShardSize = 4,
        Bootstrap = 30,
        NullDraws = 3,
        AngleK = 3,
        Seed = 7,
    };

    [Fact]
    public void Replicates_split_into_units_of_25_give_the_interval_of_all_B_replicates()
    {
        var spec = Spec(SweepTestData.Dataset());
        var plan = SweepPlan.Create(spec);
        var units = SweepUnits.All(spec, plan);
        Assert.Equal([0, 1], units.Where(static u => u.Kind == SweepUnits.ReplicatesKind && u.Category == SweepPlan.Global && u.Level == 2).Select(static u => u.Index));
        Assert.Equal([25, 26, 27, 28, 29], SweepUnits.ChunkReplicates(spec, 1));

        var store = new ArtifactStore(SweepTestData.TempFolder());
        string results = store.PathOf(SweepLoop.Run(store, "chunks", spec));
        foreach (var (dim, kind) in new[] { (0, 0), (1, 2) })
        {
            var row = File.ReadAllLines(Path.Combine(results, "wasserstein.csv")).Skip(1)
                .Select(static l => l.Split(','))
                .Single(f => f[0] == SweepPlan.Global && f[1] == dim.ToString(CultureInfo.InvariantCulture) && f[3] == "sigma-2"
                    && f[4] == DistanceKind.Reported[kind].Kind && f[5] == DistanceKind.Reported[kind].Order && f[7] == DistanceKind.Reported[kind].Statistic);
            var values = Enumerable.Range(0, spec.Bootstrap).Select(b =>
            {
                var a = DiagramFile.Read(Path.Combine(results, "diagrams", "sigma-0", "replicates", $"{SweepPlan.Global}-{b}.csv"), dim);
                var c = DiagramFile.Read(Path.Combine(results, "diagrams", "sigma-2", "replicates", $"{SweepPlan.Global}-{b}.csv"), dim);
                return DiagramComparison.Distance(DistanceKind.Reported[kind], a, c);
            }).Where(static x => !double.IsNaN(x)).ToList();
            Assert.Equal(spec.Bootstrap, values.Count);
            var (low, high) = PercentileInterval.Of95(values, double.NaN);
            Assert.Equal(DiagramFile.Format(low), row[9]);
            Assert.Equal(DiagramFile.Format(high), row[10]);
        }
    }

    [Fact]
    public void Metrics_units_run_in_another_order_and_again_write_the_same_tables_and_recompute_nothing_stored()
    {
        var spec = Spec(SweepTestData.Dataset());
        var store = new ArtifactStore(SweepTestData.TempFolder());
        string results = store.PathOf(SweepLoop.Run(store, "order", spec));
        var expected = Tables.ToDictionary(static t => t, t => File.ReadAllBytes(Path.Combine(results, t)));
        var plan = SweepPlan.FromJson(store.ReadText(SweepPaths.Plan("order")));
        var metrics = SweepUnits.All(spec, plan).Where(static u => u.Stage == "metrics" && u.Kind != SweepUnits.ResultsKind).ToList();
        Assert.Equal(6, metrics.Count(static u => u.Kind == SweepUnits.NullKind));

        // Every unit again: each finds its output stored and writes nothing.
        var fragments = Directory.GetFiles(store.PathOf(SweepPaths.Folder("order") + "/metrics"), "*", SearchOption.AllDirectories)
            .ToDictionary(static f => f, File.GetLastWriteTimeUtc, StringComparer.Ordinal);
        Assert.Equal(metrics.Count, fragments.Count);
        foreach (var unit in metrics.Concat(SweepUnits.All(spec, plan).Where(static u => u.Stage == "persistence")))
        {
            SweepUnits.Run(store, "order", spec, plan, unit);
        }

        Assert.All(fragments, f => Assert.Equal(f.Value, File.GetLastWriteTimeUtc(f.Key)));

        // From scratch, kinds in another order and each kind's units last to first: the same bytes.
        Directory.Delete(store.PathOf(SweepPaths.Folder("order") + "/metrics"), recursive: true);
        foreach (string kind in MetricsOrder)
        {
            foreach (var unit in metrics.Where(u => u.Kind == kind).Reverse())
            {
                SweepUnits.Run(store, "order", spec, plan, unit);
            }
        }

        var info = new SweepRunInfo { CreatedUtc = DateTimeOffset.UtcNow, Timings = new Dictionary<string, double>(), Mode = "in-process", Silos = [SiloDescription.Local("local")] };
        string again = store.PathOf(SweepResultsWriter.Write(store, "order", spec, plan, info));
        foreach (string table in Tables)
        {
            Assert.True(expected[table].AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, table))), table);
        }
    }
}
