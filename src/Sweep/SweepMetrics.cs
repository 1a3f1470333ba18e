using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Geometry.Persistence;
using ClipGeometry.Geometry.Similarity;

namespace ClipGeometry.Sweep;

/// <summary>
/// The metrics units as library calls: the null baseline of a point set, the bootstrap replicate distances of a
/// (point set, level) in chunks, the rows of wasserstein.csv of a (point set, level), and the angles and similarity
/// statistics of a level. Each reads its inputs from the store and writes one fragment (<see cref="SweepPaths.Fragment"/>),
/// whole and last, so its presence marks the unit as done; <see cref="SweepResultsWriter"/> only concatenates the
/// fragments in a fixed order.
/// </summary>
public static class SweepMetrics
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>
    /// The null baseline of <paramref name="set"/> (unit <c>null/{set}</c>): persistence of N random halves of the
    /// point set at the reference level, and for each dimension and distance kind the mean distance between the two
    /// halves of each draw (empty where no draw gives a distance). Every row of wasserstein.csv for the set uses it.
    /// Halves stored by an interrupted run are kept.
    /// </summary>
    public static void Null(ArtifactStore store, string sweepId, SweepSpec spec, SweepPlan plan, string set, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(plan);
        string key = SweepUnits.NullKey(set);
        if (store.Exists(SweepPaths.Fragment(sweepId, key)))
        {
            return;
        }

        string reference = spec.Levels[0].Name;
        var (rows, n, d, _) = SweepUnits.Embeddings(store, sweepId, plan, 0, set);
        var halves = new List<(IReadOnlyList<PersistenceDiagram> First, IReadOnlyList<PersistenceDiagram> Second)>();
        if (n >= 4)
        {
            for (int draw = 0; draw < spec.NullDraws; draw++)
            {
                var (first, second) = SweepRandom.Halves(spec.Seed, set, draw, n);
                var pair = new IReadOnlyList<PersistenceDiagram>[2];
                int half = 0;
                foreach (var part in new[] { first, second })
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string path = SweepPaths.NullHalf(sweepId, reference, set, draw, half);
                    string csv;
                    if (store.Exists(path))
                    {
                        // Stored (whole) before the unit was interrupted: kept, not recomputed.
                        csv = store.ReadText(path);
                    }
                    else
                    {
                        var topology = PointSetTopology.Compute(SweepUnits.Gather(rows, d, part), part.Length, d, spec.DistanceMetric, spec.MaxDimension, spec.MaxPoints, cancellationToken);
                        csv = DiagramCsv.Format(topology.Result.Diagrams, spec.Dims);
                        store.WriteText(path, csv);
                    }

                    pair[half++] = DiagramCsv.Parse(csv, spec.MaxDimension);
                }

                halves.Add((pair[0], pair[1]));
            }
        }

        var text = new StringBuilder();
        foreach (int dim in spec.Dims.Order())
        {
            foreach (var kind in DistanceKind.Reported)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var nulls = halves.Select(h => DiagramComparison.Distance(kind, h.First[dim], h.Second[dim], cancellationToken)).Where(static x => !double.IsNaN(x)).ToList();
                string mean = nulls.Count == 0 ? string.Empty : DiagramFile.Format(nulls.Average());
                text.Append(CultureInfo.InvariantCulture, $"{RowKey(dim, kind)},{mean}\n");
            }
        }

        store.WriteText(SweepPaths.Fragment(sweepId, key), text.ToString());
    }

    /// <summary>
    /// Chunk <paramref name="chunk"/> of the bootstrap replicate distances between the reference level and level
    /// <paramref name="level"/> of <paramref name="set"/> (unit <c>wasserstein/{set}/{level}/replicates/{chunk}</c>):
    /// for each dimension, distance kind and replicate b of the chunk, the distance between the replicate diagrams
    /// (rows <c>dim,kind,b,distance</c>, round-trip numbers, <c>NaN</c> where undefined).
    /// </summary>
    public static void WassersteinReplicates(ArtifactStore store, string sweepId, SweepSpec spec, int level, string set, int chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        string key = SweepUnits.WassersteinReplicatesKey(set, spec.Levels[level].Name, chunk);
        if (store.Exists(SweepPaths.Fragment(sweepId, key)))
        {
            return;
        }

        string a = spec.Levels[0].Name, b = spec.Levels[level].Name;
        var replicates = SweepUnits.ChunkReplicates(spec, chunk)
            .Select(r => (r, Read(store, SweepPaths.Replicate(sweepId, a, set, r), spec.MaxDimension), Read(store, SweepPaths.Replicate(sweepId, b, set, r), spec.MaxDimension)))
            .ToList();
        var text = new StringBuilder();
        foreach (int dim in spec.Dims.Order())
        {
            for (int k = 0; k < DistanceKind.Reported.Count; k++)
            {
                foreach (var (r, first, second) in replicates)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    double distance = DiagramComparison.Distance(DistanceKind.Reported[k], first[dim], second[dim], cancellationToken);
                    text.Append(CultureInfo.InvariantCulture, $"{dim},{k},{r},{SweepUnits.Number(distance)}\n");
                }
            }
        }

        store.WriteText(SweepPaths.Fragment(sweepId, key), text.ToString());
    }

    /// <summary>
    /// The rows of wasserstein.csv between the reference level and level <paramref name="level"/> of
    /// <paramref name="set"/> (unit <c>wasserstein/{set}/{level}</c>): the distance for each dimension and kind
    /// (rows whose distance is undefined left out), the 95% percentile interval of the replicate distances stored by
    /// the chunk units, and the set's null mean.
    /// </summary>
    public static void Wasserstein(ArtifactStore store, string sweepId, SweepSpec spec, int level, string set, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        string a = spec.Levels[0].Name, b = spec.Levels[level].Name;
        string key = SweepUnits.WassersteinKey(set, b);
        if (store.Exists(SweepPaths.Fragment(sweepId, key)))
        {
            return;
        }

        var reference = Read(store, SweepPaths.Diagram(sweepId, a, set), spec.MaxDimension);
        var other = Read(store, SweepPaths.Diagram(sweepId, b, set), spec.MaxDimension);
        var nullMeans = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in Lines(store.ReadText(SweepPaths.Fragment(sweepId, SweepUnits.NullKey(set)))))
        {
            int comma = line.LastIndexOf(',');
            nullMeans[line[..comma]] = line[(comma + 1)..];
        }

        // Replicate distances by (dim, kind), in replicate order (chunks in order, each in replicate order).
        var replicates = new Dictionary<(int Dim, int Kind), List<double>>();
        for (int chunk = 0; chunk < SweepUnits.ReplicateChunks(spec); chunk++)
        {
            foreach (string line in Lines(store.ReadText(SweepPaths.Fragment(sweepId, SweepUnits.WassersteinReplicatesKey(set, b, chunk)))))
            {
                var fields = line.Split(',');
                var slot = (int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture));
                if (!replicates.TryGetValue(slot, out var values))
                {
                    replicates[slot] = values = [];
                }

                values.Add(double.Parse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture));
            }
        }

        var text = new StringBuilder();
        foreach (int dim in spec.Dims.Order())
        {
            for (int k = 0; k < DistanceKind.Reported.Count; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var kind = DistanceKind.Reported[k];
                double distance = DiagramComparison.Distance(kind, reference[dim], other[dim], cancellationToken);
                if (double.IsNaN(distance))
                {
                    continue;
                }

                var values = replicates.GetValueOrDefault((dim, k), []).Where(static x => !double.IsNaN(x)).ToList();
                var (low, high) = PercentileInterval.Of95(values, distance);
                text.Append(CultureInfo.InvariantCulture,
                    $"{set},{dim},{a},{b},{kind.Kind},{kind.Order},{kind.Ground},{kind.Statistic},{DiagramFile.Format(distance)},{DiagramFile.Format(low)},{DiagramFile.Format(high)},{nullMeans.GetValueOrDefault(RowKey(dim, kind), string.Empty)}\n");
            }
        }

        store.WriteText(SweepPaths.Fragment(sweepId, key), text.ToString());
    }

    /// <summary>
    /// The rows of subspace_angles.csv of level <paramref name="level"/> (unit <c>angles/{level}</c>): every pair of
    /// analysed categories with an embedded image, for all directions and the top <see cref="SweepSpec.AngleK"/>, with
    /// the bootstrap interval of the mean angle and the mean under permuted labels.
    /// </summary>
    public static void Angles(ArtifactStore store, string sweepId, SweepSpec spec, SweepPlan plan, int level, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(plan);
        string levelName = spec.Levels[level].Name;
        string key = SweepUnits.AnglesKey(levelName);
        if (store.Exists(SweepPaths.Fragment(sweepId, key)))
        {
            return;
        }

        var embeddings = new Dictionary<string, (float[] Rows, int Count)>(StringComparer.Ordinal);
        int d = 0;
        foreach (string c in plan.Analysed)
        {
            var (rows, n, dimension, _) = SweepUnits.Embeddings(store, sweepId, plan, level, c);
            embeddings[c] = (rows, n);
            d = dimension;
        }

        // Every level embeds the same images, so a category with an image at this level has one at every level.
        var categories = plan.Analysed.Order(StringComparer.Ordinal).Where(c => embeddings[c].Count > 0).ToList();
        int size = SweepUnits.BootstrapSize(plan);
        var text = new StringBuilder();

        // Each category's basis, and each replicate's, once: shared by every pair and both k.
        var full = new Dictionary<string, (double[] Basis, int Rank)>(StringComparer.Ordinal);
        var replicates = new Dictionary<string, (double[] Basis, int Rank)[]>(StringComparer.Ordinal);
        foreach (string c in categories)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (rows, n) = embeddings[c];
            full[c] = CategoryAngles.Basis(ToDouble(rows), n, d);
            replicates[c] = Enumerable.Range(0, spec.Bootstrap).Select(r =>
            {
                var chosen = SweepRandom.Replicate(spec.Seed, c, r, n, size);
                return CategoryAngles.Basis(ToDouble(SweepUnits.Gather(rows, d, chosen)), chosen.Length, d);
            }).ToArray();
        }

        for (int i = 0; i < categories.Count; i++)
        {
            for (int j = i + 1; j < categories.Count; j++)
            {
                string ca = categories[i], cb = categories[j];
                var (rowsA, nA) = embeddings[ca];
                var (rowsB, nB) = embeddings[cb];
                var pooled = new float[(nA + nB) * d];
                rowsA.AsSpan(0, nA * d).CopyTo(pooled);
                rowsB.AsSpan(0, nB * d).CopyTo(pooled.AsSpan(nA * d));
                var nullBases = Enumerable.Range(0, spec.NullDraws).Select(draw =>
                {
                    var order = SweepRandom.Permutation(nA + nB, SweepRandom.SeedOf(spec.Seed, $"angle-null/{levelName}/{ca}/{cb}/{draw}"));
                    var first = order[..nA];
                    var second = order[nA..];
                    Array.Sort(first);
                    Array.Sort(second);
                    return (CategoryAngles.Basis(ToDouble(SweepUnits.Gather(pooled, d, first)), nA, d), CategoryAngles.Basis(ToDouble(SweepUnits.Gather(pooled, d, second)), nB, d));
                }).ToList();
                foreach (int? k in new int?[] { null, spec.AngleK })
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var summary = CategoryAngles.Between(full[ca], full[cb], d, k);
                    double mean = Degrees(summary.Mean);
                    var values = Enumerable.Range(0, spec.Bootstrap).Select(r => Degrees(CategoryAngles.Between(replicates[ca][r], replicates[cb][r], d, k).Mean)).ToList();
                    var (low, high) = PercentileInterval.Of95(values, mean);
                    double nullMean = nullBases.Select(p => Degrees(CategoryAngles.Between(p.Item1, p.Item2, d, k).Mean)).Average();
                    string kText = k is { } kk ? kk.ToString(CultureInfo.InvariantCulture) : "all";
                    text.Append(CultureInfo.InvariantCulture,
                        $"{levelName},{ca},{cb},{kText},{DiagramFile.Format(Degrees(summary.Largest))},{DiagramFile.Format(mean)},{DiagramFile.Format(Degrees(summary.Smallest))},{DiagramFile.Format(summary.GrassmannDistance)},{DiagramFile.Format(low)},{DiagramFile.Format(high)},{DiagramFile.Format(nullMean)}\n");
                }
            }
        }

        store.WriteText(SweepPaths.Fragment(sweepId, key), text.ToString());
    }

    /// <summary>
    /// The rows of similarity.csv of level <paramref name="level"/> (unit <c>similarity/{level}</c>): image–image and,
    /// with a text tower, text statistics and recall over every embedded image of every category, per-category
    /// intra means, intra and inter means and their difference, each with a stratified bootstrap interval
    /// (<see cref="SimilarityBootstrap"/>, seeded by <see cref="SimilaritySeed"/>).
    /// </summary>
    public static void Similarity(ArtifactStore store, string sweepId, SweepSpec spec, SweepPlan plan, int level, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(plan);
        string levelName = spec.Levels[level].Name;
        string key = SweepUnits.SimilarityKey(levelName);
        if (store.Exists(SweepPaths.Fragment(sweepId, key)))
        {
            return;
        }

        var textRecord = store.Exists(SweepPaths.TextInfo(sweepId))
            ? JsonSerializer.Deserialize<TextTowerRecord>(store.ReadText(SweepPaths.TextInfo(sweepId)), JsonOptions)
            : null;
        int captionsPerImage = textRecord is { HasTextTower: true } ? textRecord.CaptionsPerImage : 0;
        var rows = new List<double>();
        var labels = new List<int>();
        var textRows = new List<double>();
        int d = 0;
        for (int k = 0; k < plan.Categories.Count; k++)
        {
            var (r, n, dimension, items) = SweepUnits.Embeddings(store, sweepId, plan, level, plan.Categories[k]);
            d = dimension;
            rows.AddRange(ToDouble(r.AsSpan(0, n * d)));
            labels.AddRange(Enumerable.Repeat(k, n));
            if (captionsPerImage > 0)
            {
                textRows.AddRange(TextRows(store, sweepId, plan, plan.Categories[k], items, captionsPerImage, d));
            }
        }

        var text = new StringBuilder();
        int total = labels.Count;
        if (total >= 2)
        {
            int m = captionsPerImage > 0 ? total * captionsPerImage : 0;
            var labelArray = labels.ToArray();
            var analysis = SimilarityAnalysis.Compute(
                CollectionsMarshal.AsSpan(rows), total, d, m > 0 ? CollectionsMarshal.AsSpan(textRows) : [], m, labelArray, plan.Categories,
                0, 0, cancellationToken);
            var bootstrap = spec.Bootstrap >= 2
                ? new SimilarityBootstrap(analysis, CollectionsMarshal.AsSpan(rows), m > 0 ? CollectionsMarshal.AsSpan(textRows) : [], labelArray)
                : null;

            // Each statistic's 95% percentile interval over B stratified resamples (replicates where it is undefined
            // left out), seeded by (sweep seed, unit key, statistic, category); the value itself without a bootstrap.
            void Row(string statistic, string category, double value, Func<SimilarityBootstrap, int[], double> replicate)
            {
                double low = value, high = value;
                if (bootstrap is not null)
                {
                    var values = bootstrap.Replicates(w => replicate(bootstrap, w), spec.Bootstrap, SimilaritySeed(spec.Seed, levelName, statistic, category), cancellationToken)
                        .Where(static v => !double.IsNaN(v)).ToList();
                    (low, high) = PercentileInterval.Of95(values, value);
                }

                text.Append(CultureInfo.InvariantCulture,
                    $"{levelName},{statistic},{category},{DiagramFile.Format(value)},{DiagramFile.Format(low)},{DiagramFile.Format(high)}\n");
            }

            double Named(string prefix) => analysis.Statistics.First(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Value;

            Row("image_image_mean", "all", Named("image-image mean cosine"), static (b, w) => b.ImageImageMean(w));
            Row("effective_dimension", "all", Named("image effective dimensionality"), static (b, w) => b.EffectiveDimension(w));
            if (analysis.TextText is not null)
            {
                Row("text_text_mean", "all", Named("text-text mean cosine"), static (b, w) => b.TextTextMean(w));
                Row("image_text_mean", "all", Named("image-text mean cosine"), static (b, w) => b.ImageTextMean(w));
                Row("modality_gap", "all", Named("modality gap"), static (b, w) => b.ModalityGap(w));
            }

            if (analysis.Recall is { } recall)
            {
                foreach (var (cut, value) in recall.Ks.Zip(recall.ImageToText))
                {
                    Row($"recall_i2t@{cut}", "all", value, (b, w) => b.RecallImageToText(w, cut));
                }

                foreach (var (cut, value) in recall.Ks.Zip(recall.TextToImage))
                {
                    Row($"recall_t2i@{cut}", "all", value, (b, w) => b.RecallTextToImage(w, cut));
                }
            }

            var stats = analysis.ImageCategories!;
            for (int k = 0; k < plan.Categories.Count; k++)
            {
                if (k < stats.IntraMeans.Count && !double.IsNaN(stats.IntraMeans[k]))
                {
                    int category = k;
                    Row("intra_mean", plan.Categories[k], stats.IntraMeans[k], (b, w) => b.IntraMean(w, category));
                }
            }

            Row("intra_mean", "all", stats.IntraMean, static (b, w) => b.IntraMean(w));
            Row("inter_mean", "all", stats.InterMean, static (b, w) => b.InterMean(w));
            Row("intra_minus_inter", "all", stats.IntraMean - stats.InterMean, static (b, w) => b.IntraMinusInter(w));
        }

        store.WriteText(SweepPaths.Fragment(sweepId, key), text.ToString());
    }

    /// <summary>
    /// The caption embeddings (the text unit's, <paramref name="captionsPerImage"/> rows of dimension
    /// <paramref name="d"/> per image) of <paramref name="items"/>, images of <paramref name="category"/> in row order.
    /// </summary>
    public static double[] TextRows(ArtifactStore store, string sweepId, SweepPlan plan, string category, IReadOnlyList<SweepItem> items, int captionsPerImage, int d)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(items);
        int c = captionsPerImage;
        var stored = NpyFile.Read(store.PathOf(SweepPaths.Texts(sweepId, category)));
        var position = plan.ItemsOf(category).Select(static (item, p) => (item.Index, p)).ToDictionary(static x => x.Index, static x => x.p);
        var rows = new double[items.Count * c * d];
        for (int r = 0; r < items.Count; r++)
        {
            stored.Data.AsSpan(position[items[r].Index] * c * d, c * d).CopyTo(rows.AsSpan(r * c * d));
        }

        return rows;
    }

    /// <summary>The seed of the bootstrap of one similarity.csv row: (sweep seed, unit key, statistic, category).</summary>
    public static ulong SimilaritySeed(int seed, string level, string statistic, string category) =>
        SweepRandom.SeedOf(seed, $"{SweepUnits.SimilarityKey(level)}/{statistic}/{category}");

    private static string RowKey(int dim, DistanceKind kind) => string.Create(CultureInfo.InvariantCulture, $"{dim},{kind.Kind},{kind.Order},{kind.Ground},{kind.Statistic}");

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static IReadOnlyList<PersistenceDiagram> Read(ArtifactStore store, string relative, int maxDimension) =>
        DiagramCsv.Parse(store.ReadText(relative), maxDimension);

    private static double Degrees(double radians) => radians * (180 / Math.PI);

    private static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }
}
