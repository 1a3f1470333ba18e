using System.Globalization;
using System.Text.Json;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Embedding.Models;

namespace ClipGeometry.Sweep;

/// <summary>
/// The sweep's work units as library calls, shared by the grains, the in-process loop and the tests. Each unit is
/// keyed (sweep, unit), reads its inputs from the store, writes its outputs to the store before it returns, and
/// is idempotent: running it again writes the same bytes.
/// </summary>
public static class SweepUnits
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The unit key of the persistence of (level, category).</summary>
    public static string TopologyKey(string level, string category) => $"topology/{level}/{category}";

    /// <summary>Plans the sweep and describes the model (opening it refuses a model without the expected tensors); writes plan.json and model.json.</summary>
    /// <exception cref="SweepSpecException">The spec or a file it names cannot be used.</exception>
    public static SweepPlan Plan(ArtifactStore store, string sweepId, SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        spec.CheckFiles();
        ModelInfo model;
        try
        {
            using var encoder = new ImageEncoder(spec.Model, new EncoderOptions { Provider = ExecutionProviderPreference.Cpu, Notice = static _ => { } });
            model = ModelInfo.Of(spec.Model, encoder);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            throw new SweepSpecException($"--model {e.Message}", e);
        }

        var plan = SweepPlan.Create(spec);
        store.WriteText(SweepPaths.Model(sweepId), model.ToJson());
        store.WriteText(SweepPaths.Plan(sweepId), plan.ToJson());
        return plan;
    }

    /// <summary>Embeds one shard at every level; writes the shard's manifest.</summary>
    public static ShardEmbedding Embed(ArtifactStore store, string sweepId, SweepSpec spec, SweepPlan plan, SweepShard shard, ShardEmbedder embedder, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(embedder);
        var result = embedder.Embed(plan, shard, spec.Levels, store.Vectors, progress, cancellationToken);
        store.WriteText(SweepPaths.Shard(sweepId, shard.Category, shard.Index), result.ToJson());
        return result;
    }

    /// <summary>
    /// The embeddings of <paramref name="category"/> (or <c>global</c>) at level index <paramref name="level"/>, rows in
    /// plan order (images skipped at embedding left out), read from the store through the shards' manifests.
    /// </summary>
    public static (float[] Rows, int Count, int Dimension, IReadOnlyList<SweepItem> Items) Embeddings(ArtifactStore store, string sweepId, SweepPlan plan, int level, string category)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(plan);
        var model = ModelInfo.FromJson(store.ReadText(SweepPaths.Model(sweepId)));
        var byIndex = new Dictionary<int, ShardItem>();
        foreach (var shard in plan.Shards.Where(s => category == SweepPlan.Global || s.Category == category))
        {
            foreach (var item in ShardEmbedding.FromJson(store.ReadText(SweepPaths.Shard(sweepId, shard.Category, shard.Index))).Items)
            {
                byIndex[item.Index] = item;
            }
        }

        var items = plan.ItemsOf(category).Where(i => byIndex.TryGetValue(i.Index, out var s) && s.VectorIds is not null).ToList();
        int d = model.Dimension;
        var rows = new float[items.Count * d];
        for (int r = 0; r < items.Count; r++)
        {
            string id = byIndex[items[r].Index].VectorIds![level];
            if (!store.Vectors.TryGet(id, rows.AsSpan(r * d, d)))
            {
                throw new InvalidDataException($"The artifact store {store.Root} lacks the vector of {items[r].Name} at level {level} (id {id}).");
            }
        }

        return (rows, items.Count, d, items);
    }

    /// <summary>The unit key of the caption embeddings.</summary>
    public const string TextsKey = "texts";

    /// <summary>
    /// The text unit: when the model has a text tower, embeds every planned image's captions once (captions do not
    /// change with the perturbation level) and stores, per category, float32 [n·c, d] with rows c·i … c·i + c − 1 for
    /// the category's i-th planned image (an image with fewer than c captions repeats its captions cyclically; one
    /// with none gets the empty caption). Writes the record last; returns it. Idempotent: a stored unit, or a category's
    /// file stored by an interrupted run, is not redone.
    /// </summary>
    public static TextTowerRecord Texts(ArtifactStore store, string sweepId, SweepSpec spec, SweepPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(plan);
        if (store.Exists(SweepPaths.TextInfo(sweepId)))
        {
            return JsonSerializer.Deserialize<TextTowerRecord>(store.ReadText(SweepPaths.TextInfo(sweepId)), JsonOptions)!;
        }

        var model = ModelInfo.FromJson(store.ReadText(SweepPaths.Model(sweepId)));
        TextTowerRecord record;
        if (!model.HasTextTower || plan.CaptionsPerImage == 0)
        {
            record = new TextTowerRecord(false, null, 0);
        }
        else
        {
            int c = plan.CaptionsPerImage;
            using var encoder = new TextEncoder(spec.Model, new EncoderOptions { Provider = ExecutionProviderPreference.Cpu, Notice = static _ => { } });
            int d = encoder.Dimension;
            foreach (string category in plan.Categories)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (store.Exists(SweepPaths.Texts(sweepId, category)))
                {
                    // Stored before the unit was interrupted (each file is written whole, temp-then-rename): kept.
                    continue;
                }

                var captions = new List<string>();
                foreach (var item in plan.ItemsOf(category))
                {
                    for (int k = 0; k < c; k++)
                    {
                        captions.Add(item.Captions.Count == 0 ? string.Empty : item.Captions[k % item.Captions.Count]);
                    }
                }

                float[] rows = captions.Count == 0 ? [] : encoder.Encode(captions, cancellationToken);
                store.Write(SweepPaths.Texts(sweepId, category), stream => NpyFile.WriteSingle(stream, rows, captions.Count, d));
            }

            record = new TextTowerRecord(true, TokenizerSource(encoder.Files.Directory), c);
        }

        store.WriteText(SweepPaths.TextInfo(sweepId), JsonSerializer.Serialize(record, JsonOptions));
        return record;
    }

    /// <summary>The tokenizer's vocabulary source as <see cref="TextEncoder.LoadTokenizer"/> finds it: the model's folder, else its parent.</summary>
    private static string TokenizerSource(string directory)
    {
        foreach (string folder in new[] { directory, Path.GetDirectoryName(Path.GetFullPath(directory)) ?? directory })
        {
            if (File.Exists(Path.Combine(folder, "vocab.json")) && File.Exists(Path.Combine(folder, "merges.txt")))
            {
                return $"CLIP BPE, Hugging Face vocab.json + merges.txt ({Path.GetFullPath(folder)})";
            }

            if (File.Exists(Path.Combine(folder, "bpe_simple_vocab_16e6.txt.gz")))
            {
                return $"CLIP BPE, OpenAI bpe_simple_vocab_16e6.txt.gz ({Path.GetFullPath(folder)})";
            }
        }

        return "CLIP BPE";
    }

    /// <summary>
    /// Persistence of (level, category): the diagram, B bootstrap replicates (each an equal-size subsample without
    /// replacement of 80% of the smallest analysed category, the same images at every level) and, at the reference
    /// level, the null baseline's random halves. Writes every diagram and the subsampling record.
    /// </summary>
    public static void Topology(ArtifactStore store, string sweepId, SweepSpec spec, SweepPlan plan, int level, string category, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(plan);
        var levels = spec.Levels;
        string levelName = levels[level].Name;
        var (rows, n, d, _) = Embeddings(store, sweepId, plan, level, category);
        if (n == 0)
        {
            throw new InvalidDataException($"No image of category {category} could be embedded; nothing to compute persistence on.");
        }

        var main = PointSetTopology.Compute(rows, n, d, spec.DistanceMetric, spec.MaxDimension, spec.MaxPoints, cancellationToken);
        store.WriteText(SweepPaths.Diagram(sweepId, levelName, category), DiagramCsv.Format(main.Result.Diagrams, spec.Dims));
        var record = new SubsamplingRecord(main.Points, main.Kept, main.Result.CoverRadius, spec.Metric,
            main.Result.CoverRadius is { } c ? 2 * c : 0, main.Result.Threshold);

        int size = BootstrapSize(plan);
        for (int b = 0; b < spec.Bootstrap; b++)
        {
            var chosen = SweepRandom.Replicate(spec.Seed, category, b, n, size);
            var replicate = PointSetTopology.Compute(Gather(rows, d, chosen), chosen.Length, d, spec.DistanceMetric, spec.MaxDimension, spec.MaxPoints, cancellationToken);
            store.WriteText(SweepPaths.Replicate(sweepId, levelName, category, b), DiagramCsv.Format(replicate.Result.Diagrams, spec.Dims));
        }

        if (level == 0 && n >= 4)
        {
            for (int draw = 0; draw < spec.NullDraws; draw++)
            {
                var (first, second) = SweepRandom.Halves(spec.Seed, category, draw, n);
                int half = 0;
                foreach (var part in new[] { first, second })
                {
                    var topology = PointSetTopology.Compute(Gather(rows, d, part), part.Length, d, spec.DistanceMetric, spec.MaxDimension, spec.MaxPoints, cancellationToken);
                    store.WriteText(SweepPaths.NullHalf(sweepId, levelName, category, draw, half++), DiagramCsv.Format(topology.Result.Diagrams, spec.Dims));
                }
            }
        }

        // Written last: its presence marks the unit as done (see TopologyStored).
        store.WriteText(SweepPaths.Subsampling(sweepId, levelName, category), JsonSerializer.Serialize(record, JsonOptions));
    }

    /// <summary>Whether the persistence unit (level, category) has finished before: its subsampling record, written last, is in the store.</summary>
    public static bool TopologyStored(ArtifactStore store, string sweepId, SweepSpec spec, int level, string category)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        return store.Exists(SweepPaths.Subsampling(sweepId, spec.Levels[level].Name, category));
    }

    /// <summary>
    /// The bootstrap subsample size: 80% of the smallest analysed category as sampled (known at planning, so a
    /// category's persistence need not wait for other categories' embeddings); capped by each point set's size.
    /// </summary>
    public static int BootstrapSize(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return SweepRandom.BootstrapSize(plan.Analysed.Select(c => plan.Sampled.GetValueOrDefault(c)).Where(static n => n > 0).DefaultIfEmpty(2).Min());
    }

    /// <summary>Rows <paramref name="indices"/> of <paramref name="rows"/> ([n × d]).</summary>
    public static float[] Gather(ReadOnlySpan<float> rows, int d, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var result = new float[indices.Count * d];
        for (int i = 0; i < indices.Count; i++)
        {
            rows.Slice(indices[i] * d, d).CopyTo(result.AsSpan(i * d, d));
        }

        return result;
    }

    /// <summary>A round-trip invariant number.</summary>
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
