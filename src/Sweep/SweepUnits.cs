using System.Globalization;
using System.Text.Json;
using ClipGeometry.Embedding.Categories;
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

    /// <summary>The unit key of zero-shot classification shard <paramref name="shard"/>.</summary>
    public static string ClassificationKey(int shard) => $"classify/{shard}";

    /// <summary>
    /// Plans the sweep and describes the model (opening it refuses a model without the expected tensors); writes plan.json
    /// and model.json. A zero-shot spec is planned in three steps instead (<see cref="PlanClassification"/>, <see cref="Classify"/>
    /// per shard, <see cref="PlanZeroShot"/>), so that the classification's embedding is spread over the embedding workers.
    /// </summary>
    /// <exception cref="SweepSpecException">The spec or a file it names cannot be used.</exception>
    public static SweepPlan Plan(ArtifactStore store, string sweepId, SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.IsZeroShot)
        {
            throw new ArgumentException($"--categories {spec.Categories}: a zero-shot sweep is planned by PlanClassification, Classify and PlanZeroShot.", nameof(spec));
        }

        var model = Describe(spec);
        var plan = SweepPlan.Create(spec);
        store.WriteText(SweepPaths.Model(sweepId), model.ToJson());
        store.WriteText(SweepPaths.Plan(sweepId), plan.ToJson());
        return plan;
    }

    /// <summary>
    /// The zero-shot planning's first step: checks the spec, the files and the model (it must have a text tower), loads the
    /// dataset and cuts every loaded image into classification shards; writes model.json and the classification plan.
    /// Reads no image.
    /// </summary>
    /// <exception cref="SweepSpecException">The spec or a file it names cannot be used, or the model has no text tower.</exception>
    public static SweepPlan PlanClassification(ArtifactStore store, string sweepId, SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        var model = Describe(spec);
        if (!model.HasTextTower)
        {
            throw new SweepSpecException($"--categories {spec.Categories} needs a CLIP model with a text tower, and --model {spec.Model} has none: give a CLIP export or use --categories captions.");
        }

        var classification = SweepPlan.CreateClassification(spec);
        store.WriteText(SweepPaths.Model(sweepId), model.ToJson());
        store.WriteText(SweepPaths.Classification(sweepId), classification.ToJson());
        return classification;
    }

    /// <summary>
    /// A classification unit: embeds one shard of <paramref name="classification"/> at the reference level only (the
    /// vectors go to the store under the same keys as the sweep's, so the sweep's own embedding at that level reuses
    /// them); writes the shard's manifest.
    /// </summary>
    public static ShardEmbedding Classify(ArtifactStore store, string sweepId, SweepSpec spec, SweepPlan classification, SweepShard shard, ShardEmbedder embedder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(embedder);
        var result = embedder.Embed(classification, shard, [spec.Levels[0]], store.Vectors, null, cancellationToken);
        store.WriteText(SweepPaths.ClassificationShard(sweepId, shard.Index), result.ToJson());
        return result;
    }

    /// <summary>Whether classification shard <paramref name="shard"/> has been embedded before (its manifest is stored).</summary>
    public static bool ClassificationStored(ArtifactStore store, string sweepId, int shard)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Exists(SweepPaths.ClassificationShard(sweepId, shard));
    }

    /// <summary>
    /// The zero-shot planning's last step, once every classification shard is stored: embeds the rules' prompts once with
    /// the text tower, puts each image with the nearest prompt (<see cref="ZeroShotCategorizer"/>), records the prompts and
    /// the agreement with the caption rules, then samples and shards as for caption categories; writes categories.json and
    /// plan.json. Images that could not be embedded are recorded as skipped.
    /// </summary>
    public static SweepPlan PlanZeroShot(ArtifactStore store, string sweepId, SweepSpec spec, SweepPlan classification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(classification);
        var rules = spec.LoadRules();
        var model = ModelInfo.FromJson(store.ReadText(SweepPaths.Model(sweepId)));
        int d = model.Dimension;
        var embedded = new List<SweepItem>();
        var unclassified = new List<SkippedInput>();
        var rows = new List<float>();
        var vector = new float[d];
        foreach (var shard in classification.Shards)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var manifest = ShardEmbedding.FromJson(store.ReadText(SweepPaths.ClassificationShard(sweepId, shard.Index)));
            foreach (var item in manifest.Items)
            {
                var planned = classification.Items[item.Index];
                if (item.VectorIds is null)
                {
                    unclassified.Add(new SkippedInput(planned.Name, item.Error ?? "not embedded", "zero-shot"));
                    continue;
                }

                if (!store.Vectors.TryGet(item.VectorIds[0], vector))
                {
                    throw new InvalidDataException($"The artifact store {store.Root} lacks the vector of {planned.Name} at the reference level (id {item.VectorIds[0]}).");
                }

                embedded.Add(planned);
                rows.AddRange(vector);
            }
        }

        string[] zeroShot;
        IReadOnlyList<string> prompts;
        try
        {
            using var encoder = new TextEncoder(spec.Model, new EncoderOptions { Provider = ExecutionProviderPreference.Cpu, Notice = static _ => { } });
            var categorizer = new ZeroShotCategorizer(encoder, rules, rules.Template ?? ZeroShotClassifier.DefaultTemplate);
            zeroShot = categorizer.Categorize(rows.ToArray(), embedded.Count);
            prompts = categorizer.Prompts;
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or ArgumentException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            throw new SweepSpecException($"--categories {spec.Categories}: {e.Message}", e);
        }

        var assigned = new Dictionary<int, string>();
        var assignments = new List<CategoryAssignment>(embedded.Count);
        for (int i = 0; i < embedded.Count; i++)
        {
            assigned[embedded[i].Index] = zeroShot[i];
            assignments.Add(new CategoryAssignment(embedded[i].Name, embedded[i].Category, zeroShot[i]));
        }

        var agreement = CategoryAgreement.Compute(assignments, rules.Other);
        var plan = SweepPlan.CreateZeroShot(spec, classification, assigned, unclassified);
        store.WriteText(SweepPaths.Categories(sweepId), CategorySource.ZeroShot(spec, rules, prompts, agreement, embedded.Count).ToJsonString());
        store.WriteText(SweepPaths.Plan(sweepId), plan.ToJson());
        return plan;
    }

    private static ModelInfo Describe(SweepSpec spec)
    {
        spec.Validate();
        spec.CheckFiles();
        try
        {
            using var encoder = new ImageEncoder(spec.Model, new EncoderOptions { Provider = ExecutionProviderPreference.Cpu, Notice = static _ => { } });
            return ModelInfo.Of(spec.Model, encoder);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            // The file exists (CheckFiles) but is not a usable model: a failure, not a usage error.
            throw new SweepSpecException($"--model {e.Message}", unusableFile: true, e);
        }
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
