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

    /// <summary>Replicates per bootstrap unit (persistence and distances alike): B = 100 makes 4 units per point set and level.</summary>
    public const int ReplicatesPerUnit = 25;

    /// <summary>Kind of the unit that embeds one shard at every level.</summary>
    public const string EmbedKind = "embed";

    /// <summary>Kind of the unit that embeds the captions (<see cref="Texts"/>).</summary>
    public const string TextsKind = "texts";

    /// <summary>Kind of the persistence of one (level, point set) (<see cref="Topology"/>).</summary>
    public const string TopologyKind = "topology";

    /// <summary>Kind of a chunk of bootstrap replicates' persistence (<see cref="Replicates"/>).</summary>
    public const string ReplicatesKind = "replicates";

    /// <summary>Kind of the null baseline of a point set (<see cref="SweepMetrics.Null"/>).</summary>
    public const string NullKind = "null";

    /// <summary>Kind of a chunk of replicate distances (<see cref="SweepMetrics.WassersteinReplicates"/>).</summary>
    public const string WassersteinReplicatesKind = "wasserstein-replicates";

    /// <summary>Kind of the rows of wasserstein.csv of one (point set, level) (<see cref="SweepMetrics.Wasserstein"/>).</summary>
    public const string WassersteinKind = "wasserstein";

    /// <summary>Kind of the principal angles of one level (<see cref="SweepMetrics.Angles"/>).</summary>
    public const string AnglesKind = "angles";

    /// <summary>Kind of the similarity statistics of one level (<see cref="SweepMetrics.Similarity"/>).</summary>
    public const string SimilarityKind = "similarity";

    /// <summary>Kind (and key) of the unit that assembles the results directory (<see cref="SweepResultsWriter.Write"/>).</summary>
    public const string ResultsKind = "results";

    /// <summary>The unit key of a chunk of bootstrap replicates of (level, category).</summary>
    public static string ReplicatesKey(string level, string category, int chunk) => $"topology/{level}/{category}/replicates/{chunk}";

    /// <summary>The unit key of the null baseline of a point set.</summary>
    public static string NullKey(string category) => $"null/{category}";

    /// <summary>The unit key of the rows of wasserstein.csv of (point set, level).</summary>
    public static string WassersteinKey(string category, string level) => $"wasserstein/{category}/{level}";

    /// <summary>The unit key of a chunk of replicate distances of (point set, level).</summary>
    public static string WassersteinReplicatesKey(string category, string level, int chunk) => $"wasserstein/{category}/{level}/replicates/{chunk}";

    /// <summary>The unit key of the angles of a level.</summary>
    public static string AnglesKey(string level) => $"angles/{level}";

    /// <summary>The unit key of the similarity statistics of a level.</summary>
    public static string SimilarityKey(string level) => $"similarity/{level}";

    /// <summary>Bootstrap units per (level, point set): B / <see cref="ReplicatesPerUnit"/>, rounded up.</summary>
    public static int ReplicateChunks(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return (spec.Bootstrap + ReplicatesPerUnit - 1) / ReplicatesPerUnit;
    }

    /// <summary>The replicates of chunk <paramref name="chunk"/>, in order.</summary>
    public static IEnumerable<int> ChunkReplicates(SweepSpec spec, int chunk)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int first = chunk * ReplicatesPerUnit;
        return Enumerable.Range(first, Math.Max(0, Math.Min(spec.Bootstrap, first + ReplicatesPerUnit) - first));
    }

    /// <summary>The progress stage of a unit kind: <c>embedding</c>, <c>persistence</c> or <c>metrics</c>.</summary>
    public static string StageOf(string kind) => kind switch
    {
        EmbedKind or TextsKind => "embedding",
        TopologyKind or ReplicatesKind => "persistence",
        _ => "metrics",
    };

    /// <summary>
    /// Every unit of the sweep, in an order in which each unit's inputs come before it (the loop's order): shards,
    /// texts, persistence, replicates, null baselines, replicate distances and the rows of wasserstein.csv, angles,
    /// similarity, results.
    /// </summary>
    public static IReadOnlyList<SweepUnit> All(SweepSpec spec, SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(plan);
        var levels = spec.Levels;
        var sets = plan.Analysed.Append(SweepPlan.Global).ToList();
        int Points(string set) => set == SweepPlan.Global ? plan.Items.Count : plan.Sampled.GetValueOrDefault(set);
        int chunks = ReplicateChunks(spec);
        var units = new List<SweepUnit>();
        units.AddRange(plan.Shards.Select(static s => new SweepUnit(s.Key, EmbedKind, 0, s.Category, s.Index, 0)));
        units.Add(new SweepUnit(TextsKey, TextsKind, 0, string.Empty, 0, 0));
        for (int l = 0; l < levels.Count; l++)
        {
            units.AddRange(sets.Select(set => new SweepUnit(TopologyKey(levels[l].Name, set), TopologyKind, l, set, 0, Points(set))));
        }

        for (int l = 0; l < levels.Count; l++)
        {
            foreach (string set in sets)
            {
                int size = Math.Min(BootstrapSize(plan), Points(set));
                units.AddRange(Enumerable.Range(0, chunks).Select(c => new SweepUnit(ReplicatesKey(levels[l].Name, set, c), ReplicatesKind, l, set, c, size)));
            }
        }

        units.AddRange(sets.Select(set => new SweepUnit(NullKey(set), NullKind, 0, set, 0, (Points(set) + 1) / 2)));
        foreach (string set in sets)
        {
            for (int l = 1; l < levels.Count; l++)
            {
                units.AddRange(Enumerable.Range(0, chunks).Select(c => new SweepUnit(WassersteinReplicatesKey(set, levels[l].Name, c), WassersteinReplicatesKind, l, set, c, 0)));
                units.Add(new SweepUnit(WassersteinKey(set, levels[l].Name), WassersteinKind, l, set, 0, 0));
            }
        }

        units.AddRange(Enumerable.Range(0, levels.Count).Select(l => new SweepUnit(AnglesKey(levels[l].Name), AnglesKind, l, string.Empty, 0, 0)));
        units.AddRange(Enumerable.Range(0, levels.Count).Select(l => new SweepUnit(SimilarityKey(levels[l].Name), SimilarityKind, l, string.Empty, 0, 0)));
        units.Add(new SweepUnit(ResultsKind, ResultsKind, 0, string.Empty, 0, 0));
        return units;
    }

    /// <summary>
    /// The keys of the units whose outputs <paramref name="unit"/> reads: a point set's shards for its persistence,
    /// replicates and null baseline; the replicates of both levels for a chunk of replicate distances; both diagrams,
    /// the null baseline and every chunk for the rows of wasserstein.csv; every shard (and the texts, for similarity)
    /// for a level's angles and similarity; every other unit for the results.
    /// </summary>
    public static IEnumerable<string> Inputs(SweepSpec spec, SweepPlan plan, SweepUnit unit)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(unit);
        var levels = spec.Levels;
        IEnumerable<string> Shards(string set) => plan.Shards.Where(s => set == SweepPlan.Global || s.Category == set).Select(static s => s.Key);
        string reference = levels[0].Name, level = levels[unit.Level].Name;
        return unit.Kind switch
        {
            EmbedKind or TextsKind => [],
            TopologyKind or ReplicatesKind or NullKind => Shards(unit.Category),
            WassersteinReplicatesKind => [ReplicatesKey(reference, unit.Category, unit.Index), ReplicatesKey(level, unit.Category, unit.Index)],
            WassersteinKind => new[] { TopologyKey(reference, unit.Category), TopologyKey(level, unit.Category), NullKey(unit.Category) }
                .Concat(Enumerable.Range(0, ReplicateChunks(spec)).Select(c => WassersteinReplicatesKey(unit.Category, level, c))),
            AnglesKind => Shards(SweepPlan.Global),
            SimilarityKind => Shards(SweepPlan.Global).Append(TextsKey),
            ResultsKind => All(spec, plan).Where(static u => u.Kind != ResultsKind).Select(static u => u.Key),
            _ => throw new ArgumentException($"Unknown unit kind '{unit.Kind}'.", nameof(unit)),
        };
    }

    /// <summary>
    /// Runs a persistence or metrics unit (every kind but embed, texts and results, which need an encoder or the
    /// run's record); a unit whose outputs are stored returns at once.
    /// </summary>
    public static void Run(ArtifactStore store, string sweepId, SweepSpec spec, SweepPlan plan, SweepUnit unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        switch (unit.Kind)
        {
            case TopologyKind:
                if (!TopologyStored(store, sweepId, spec, unit.Level, unit.Category))
                {
                    Topology(store, sweepId, spec, plan, unit.Level, unit.Category, cancellationToken);
                }

                break;
            case ReplicatesKind:
                Replicates(store, sweepId, spec, plan, unit.Level, unit.Category, unit.Index, cancellationToken);
                break;
            case NullKind:
                SweepMetrics.Null(store, sweepId, spec, plan, unit.Category, cancellationToken);
                break;
            case WassersteinReplicatesKind:
                SweepMetrics.WassersteinReplicates(store, sweepId, spec, unit.Level, unit.Category, unit.Index, cancellationToken);
                break;
            case WassersteinKind:
                SweepMetrics.Wasserstein(store, sweepId, spec, unit.Level, unit.Category, cancellationToken);
                break;
            case AnglesKind:
                SweepMetrics.Angles(store, sweepId, spec, plan, unit.Level, cancellationToken);
                break;
            case SimilarityKind:
                SweepMetrics.Similarity(store, sweepId, spec, plan, unit.Level, cancellationToken);
                break;
            default:
                throw new ArgumentException($"Unit {unit.Key} ({unit.Kind}) is not run by SweepUnits.Run.", nameof(unit));
        }
    }

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
    /// Persistence of (level, category): the diagram and the subsampling record (written last: its presence marks
    /// the unit as done). The bootstrap replicates are units of their own (<see cref="Replicates"/>), the null
    /// baseline's halves belong to the null unit (<see cref="SweepMetrics.Null"/>).
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

        // Written last: its presence marks the unit as done (see TopologyStored).
        store.WriteText(SweepPaths.Subsampling(sweepId, levelName, category), JsonSerializer.Serialize(record, JsonOptions));
    }

    /// <summary>
    /// Chunk <paramref name="chunk"/> of the bootstrap replicates of (level, category) (unit
    /// <c>topology/{level}/{category}/replicates/{chunk}</c>, replicates <see cref="ChunkReplicates"/>): each an
    /// equal-size subsample without replacement of 80% of the smallest analysed category, seeded by (seed, category,
    /// b) so the same images are drawn at every level. Writes each replicate's diagram (one stored by an interrupted
    /// run is kept), then the unit's marker.
    /// </summary>
    public static void Replicates(ArtifactStore store, string sweepId, SweepSpec spec, SweepPlan plan, int level, string category, int chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(plan);
        string levelName = spec.Levels[level].Name;
        string key = ReplicatesKey(levelName, category, chunk);
        if (store.Exists(SweepPaths.Done(sweepId, key)))
        {
            return;
        }

        var (rows, n, d, _) = Embeddings(store, sweepId, plan, level, category);
        if (n == 0)
        {
            throw new InvalidDataException($"No image of category {category} could be embedded; nothing to compute persistence on.");
        }

        int size = BootstrapSize(plan);
        foreach (int b in ChunkReplicates(spec, chunk))
        {
            if (store.Exists(SweepPaths.Replicate(sweepId, levelName, category, b)))
            {
                // Stored (whole, temp-then-rename) before the unit was interrupted: kept, not recomputed.
                continue;
            }

            var chosen = SweepRandom.Replicate(spec.Seed, category, b, n, size);
            var replicate = PointSetTopology.Compute(Gather(rows, d, chosen), chosen.Length, d, spec.DistanceMetric, spec.MaxDimension, spec.MaxPoints, cancellationToken);
            store.WriteText(SweepPaths.Replicate(sweepId, levelName, category, b), DiagramCsv.Format(replicate.Result.Diagrams, spec.Dims));
        }

        store.WriteText(SweepPaths.Done(sweepId, key), string.Empty);
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
