using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Geometry.Persistence;
using ClipGeometry.Geometry.Similarity;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;

namespace ClipGeometry.Sweep;

/// <summary>
/// The metrics unit and the results directory (docs/results.md): distances between each level and the reference
/// level per category and dimension with bootstrap intervals and null means, principal angles between every pair of
/// categories per level, similarity statistics per level, the embeddings, captions, thumbnails and diagrams, and
/// results.json. Written under the sweep's folder in the store (to a temporary folder, then renamed), whence the
/// client fetches it.
/// </summary>
public static class SweepResultsWriter
{
    /// <summary>The results format written.</summary>
    public const string Format = "clipgeo.results/1";

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>Computes the metrics and writes the results directory; returns its path relative to the store.</summary>
    public static string Write(ArtifactStore store, string sweepId, SweepSpec spec, SweepPlan plan, SweepRunInfo info, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(info);
        string relative = SweepPaths.Results(sweepId);
        string final = store.PathOf(relative);
        string temp = final + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(temp);
        try
        {
            WriteInto(temp, store, sweepId, spec, plan, info, cancellationToken);
            if (Directory.Exists(final))
            {
                Directory.Delete(final, recursive: true);
            }

            Directory.Move(temp, final);
        }
        catch
        {
            Directory.Delete(temp, recursive: true);
            throw;
        }

        return relative;
    }

    private static void WriteInto(string root, ArtifactStore store, string sweepId, SweepSpec spec, SweepPlan plan, SweepRunInfo info, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var levels = spec.Levels;
        var model = ModelInfo.FromJson(store.ReadText(SweepPaths.Model(sweepId)));
        var skipped = new List<SkippedInput>(plan.Skipped);
        foreach (var shard in plan.Shards)
        {
            foreach (var item in ShardEmbedding.FromJson(store.ReadText(SweepPaths.Shard(sweepId, shard.Category, shard.Index))).Items)
            {
                if (item.Error is not null)
                {
                    skipped.Add(new SkippedInput(plan.Items[item.Index].Name, item.Error, "embed"));
                }
            }
        }

        // Embeddings per level and category (rows in plan order), ids, captions, thumbnails.
        var embeddings = new Dictionary<(int Level, string Category), (float[] Rows, int Count)>();
        var rowItems = new Dictionary<string, IReadOnlyList<SweepItem>>(StringComparer.Ordinal);
        int d = model.Dimension;
        for (int l = 0; l < levels.Count; l++)
        {
            foreach (string category in plan.Categories)
            {
                var (rows, n, _, items) = SweepUnits.Embeddings(store, sweepId, plan, l, category);
                embeddings[(l, category)] = (rows, n);
                rowItems[category] = items;
                Directory.CreateDirectory(Path.Combine(root, "embeddings", levels[l].Name));
                NpyFile.WriteSingle(Path.Combine(root, "embeddings", levels[l].Name, category + ".npy"), rows, n, d);
                File.WriteAllText(Path.Combine(root, "embeddings", levels[l].Name, category + ".ids.txt"), string.Concat(items.Select(static i => i.Name + "\n")));
            }
        }

        Directory.CreateDirectory(Path.Combine(root, "captions"));
        var decoder = new ImageDecoder();
        foreach (string category in plan.Categories)
        {
            var items = rowItems[category];
            File.WriteAllText(Path.Combine(root, "captions", category + ".txt"),
                string.Concat(items.Select(static i => string.Join('\t', i.Captions.Select(static c => c.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' '))) + "\n")));
            string thumbs = Path.Combine(root, "thumbnails", category);
            Directory.CreateDirectory(thumbs);
            for (int r = 0; r < items.Count; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var load = decoder.Load(items[r].ImagePath);
                if (!load.Succeeded)
                {
                    continue;
                }

                var image = load.Image;
                int w = image.Width, h = image.Height;
                double scale = 48.0 / Math.Max(w, h);
                image.Mutate(x => x.Resize(Math.Max(1, (int)Math.Round(w * scale)), Math.Max(1, (int)Math.Round(h * scale))));
                image.SaveAsJpeg(Path.Combine(thumbs, r.ToString(CultureInfo.InvariantCulture) + ".jpg"), new JpegEncoder { Quality = 85 });
            }
        }

        // Caption embeddings (the text unit's, per planned image) for the rows that were embedded.
        var textRecord = store.Exists(SweepPaths.TextInfo(sweepId))
            ? JsonSerializer.Deserialize<TextTowerRecord>(store.ReadText(SweepPaths.TextInfo(sweepId)), JsonOptions)
            : null;
        var texts = new Dictionary<string, double[]>(StringComparer.Ordinal);
        int captionsPerImage = textRecord is { HasTextTower: true } ? textRecord.CaptionsPerImage : 0;
        if (captionsPerImage > 0)
        {
            int c = captionsPerImage;
            Directory.CreateDirectory(Path.Combine(root, "texts"));
            foreach (string category in plan.Categories)
            {
                var stored = NpyFile.Read(store.PathOf(SweepPaths.Texts(sweepId, category)));
                var position = plan.ItemsOf(category).Select(static (item, p) => (item.Index, p)).ToDictionary(static x => x.Index, static x => x.p);
                var items = rowItems[category];
                var rows = new double[items.Count * c * d];
                for (int r = 0; r < items.Count; r++)
                {
                    stored.Data.AsSpan(position[items[r].Index] * c * d, c * d).CopyTo(rows.AsSpan(r * c * d));
                }

                texts[category] = rows;
                var single = new float[rows.Length];
                for (int i = 0; i < rows.Length; i++)
                {
                    single[i] = (float)rows[i];
                }

                NpyFile.WriteSingle(Path.Combine(root, "texts", category + ".npy"), single, items.Count * c, d);
            }
        }

        // Diagrams as the topology units stored them.
        var pointSets = plan.Analysed.Append(SweepPlan.Global).ToList();
        var subsampling = new JsonObject();
        foreach (var level in levels)
        {
            foreach (string set in pointSets)
            {
                Copy(store, SweepPaths.Diagram(sweepId, level.Name, set), Path.Combine(root, "diagrams", level.Name, set + ".csv"));
                for (int b = 0; b < spec.Bootstrap; b++)
                {
                    Copy(store, SweepPaths.Replicate(sweepId, level.Name, set, b), Path.Combine(root, "diagrams", level.Name, "replicates", $"{set}-{b}.csv"));
                }

                subsampling[$"{level.Name}/{set}"] = JsonNode.Parse(store.ReadText(SweepPaths.Subsampling(sweepId, level.Name, set)));
            }
        }

        File.WriteAllText(Path.Combine(root, "wasserstein.csv"), Distances(store, sweepId, spec, pointSets, cancellationToken));
        File.WriteAllText(Path.Combine(root, "subspace_angles.csv"), Angles(spec, plan, embeddings, d, cancellationToken));
        File.WriteAllText(Path.Combine(root, "similarity.csv"), Similarity(spec, plan, embeddings, texts, captionsPerImage, d, cancellationToken));

        var json = new JsonObject
        {
            ["format"] = Format,
            ["sweepId"] = sweepId,
            ["clipgeoVersion"] = typeof(SweepResultsWriter).Assembly.GetName().Version?.ToString(3),
            ["dotnetVersion"] = Environment.Version.ToString(),
            ["onnxRuntimeVersion"] = typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version?.ToString(3),
            ["pipelineVersion"] = VectorStore.PipelineVersion,
            ["createdUtc"] = info.CreatedUtc.ToString("O", CultureInfo.InvariantCulture),
            ["finishedUtc"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["spec"] = new JsonObject
            {
                ["dataset"] = spec.Dataset,
                ["model"] = spec.Model,
                ["perturbations"] = spec.Perturbations,
                ["levels"] = new JsonArray(levels.Select(static l => (JsonNode?)l.Name).ToArray()),
                ["categories"] = spec.Categories,
                ["perCategory"] = spec.PerCategory,
                ["shardSize"] = spec.ShardSize,
                ["dims"] = new JsonArray(spec.Dims.Select(static x => (JsonNode?)x).ToArray()),
                ["metric"] = spec.Metric,
                ["maxPoints"] = spec.MaxPoints,
                ["angleK"] = spec.AngleK,
                ["bootstrap"] = spec.Bootstrap,
                ["nullDraws"] = spec.NullDraws,
                ["seed"] = spec.Seed,
            },
            ["model"] = new JsonObject
            {
                ["name"] = model.Name,
                ["layout"] = model.Layout,
                ["files"] = new JsonArray(model.Files.Select(static f => (JsonNode?)new JsonObject { ["path"] = f.Path, ["sha256"] = f.Sha256 }).ToArray()),
                ["hasTextTower"] = model.HasTextTower,
                ["dimension"] = model.Dimension,
                ["inputSize"] = model.InputSize,
            },
            ["imageDecoder"] = new ClipGeometry.Embedding.Images.ImageDecoder().Description,
            ["preprocessing"] = JsonNode.Parse(model.Preprocessing),
            ["tokenizer"] = textRecord?.Tokenizer,
            ["executionProvider"] = model.ExecutionProvider,
            ["precision"] = "fp32",
            ["dataset"] = new JsonObject
            {
                ["root"] = plan.Root,
                ["layout"] = plan.Layout,
                ["images"] = plan.Items.Count,
                ["captionsPerImage"] = captionsPerImage > 0 ? captionsPerImage : plan.CaptionsPerImage,
                ["counts"] = Counts(plan.Counts),
                ["sampled"] = Counts(plan.Sampled),
            },
            ["categories"] = CategorySource.Describe(store, sweepId, spec),
            ["globalOrder"] = new JsonArray(plan.Categories.Select(static c => (JsonNode?)c).ToArray()),
            ["persistence"] = new JsonObject
            {
                ["metric"] = spec.Metric,
                ["threshold"] = "enclosing radius",
                ["maxDimension"] = spec.MaxDimension,
                ["maxPoints"] = spec.MaxPoints,
                ["subsampling"] = subsampling,
            },
            ["skipped"] = new JsonArray(skipped.Select(static s => (JsonNode?)new JsonObject { ["path"] = s.Path, ["reason"] = s.Reason, ["stage"] = s.Stage }).ToArray()),
            ["timings"] = Timings(info.Timings, clock.Elapsed.TotalSeconds),
            ["cluster"] = new JsonObject
            {
                ["mode"] = info.Mode,
                ["clusterId"] = info.ClusterId,
                ["silos"] = new JsonArray(info.Silos.Select(static s => (JsonNode?)new JsonObject
                {
                    ["address"] = s.Address,
                    ["devices"] = new JsonArray(s.Devices.Select(static x => (JsonNode?)x).ToArray()),
                    ["cores"] = s.Cores,
                    ["memoryGiB"] = s.MemoryGiB,
                }).ToArray()),
            },
            ["units"] = new JsonObject { ["total"] = info.UnitsTotal, ["retried"] = info.UnitsRetried, ["failed"] = info.UnitsFailed },
        };
        File.WriteAllText(Path.Combine(root, "results.json"), json.ToJsonString(JsonOptions) + "\n");
    }

    private static JsonObject Timings(IReadOnlyDictionary<string, double> timings, double metrics)
    {
        var result = new JsonObject();
        foreach (var (stage, seconds) in timings)
        {
            result[stage] = stage == "metrics" ? metrics : seconds;
        }

        result["metrics"] = metrics;
        if (timings.TryGetValue("total", out double total))
        {
            result["total"] = total + metrics;
        }

        return result;
    }

    private static JsonObject Counts(IReadOnlyDictionary<string, int> counts) =>
        new(counts.Select(static p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));

    private static void Copy(ArtifactStore store, string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(store.PathOf(from), to, overwrite: true);
    }

    private static IReadOnlyList<PersistenceDiagram> Read(ArtifactStore store, string relative, int maxDimension) =>
        DiagramCsv.Parse(store.ReadText(relative), maxDimension);

    private static string Distances(ArtifactStore store, string sweepId, SweepSpec spec, IReadOnlyList<string> pointSets, CancellationToken cancellationToken)
    {
        var levels = spec.Levels;
        int maxDim = spec.MaxDimension;
        string a = levels[0].Name;
        var text = new StringBuilder("category,dim,level_a,level_b,kind,order,ground,statistic,distance,ci_low,ci_high,null_mean\n");
        foreach (string set in pointSets)
        {
            var reference = Read(store, SweepPaths.Diagram(sweepId, a, set), maxDim);
            var referenceReplicates = Enumerable.Range(0, spec.Bootstrap).Select(b => Read(store, SweepPaths.Replicate(sweepId, a, set, b), maxDim)).ToList();
            var halves = Enumerable.Range(0, spec.NullDraws)
                .Where(j => store.Exists(SweepPaths.NullHalf(sweepId, a, set, j, 0)))
                .Select(j => (Read(store, SweepPaths.NullHalf(sweepId, a, set, j, 0), maxDim), Read(store, SweepPaths.NullHalf(sweepId, a, set, j, 1), maxDim)))
                .ToList();
            foreach (var level in levels.Skip(1))
            {
                var other = Read(store, SweepPaths.Diagram(sweepId, level.Name, set), maxDim);
                var otherReplicates = Enumerable.Range(0, spec.Bootstrap).Select(b => Read(store, SweepPaths.Replicate(sweepId, level.Name, set, b), maxDim)).ToList();
                foreach (int dim in spec.Dims.Order())
                {
                    foreach (var kind in DistanceKind.Reported)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        double distance = DiagramComparison.Distance(kind, reference[dim], other[dim], cancellationToken);
                        if (double.IsNaN(distance))
                        {
                            continue;
                        }

                        var replicates = referenceReplicates.Zip(otherReplicates)
                            .Select(p => DiagramComparison.Distance(kind, p.First[dim], p.Second[dim], cancellationToken))
                            .Where(static x => !double.IsNaN(x)).ToList();
                        var (low, high) = PercentileInterval.Of95(replicates, distance);
                        var nulls = halves.Select(h => DiagramComparison.Distance(kind, h.Item1[dim], h.Item2[dim], cancellationToken)).Where(static x => !double.IsNaN(x)).ToList();
                        string nullMean = nulls.Count == 0 ? string.Empty : DiagramFile.Format(nulls.Average());
                        text.Append(CultureInfo.InvariantCulture,
                            $"{set},{dim},{a},{level.Name},{kind.Kind},{kind.Order},{kind.Ground},{kind.Statistic},{DiagramFile.Format(distance)},{DiagramFile.Format(low)},{DiagramFile.Format(high)},{nullMean}\n");
                    }
                }
            }
        }

        return text.ToString();
    }

    private static string Angles(SweepSpec spec, SweepPlan plan, Dictionary<(int Level, string Category), (float[] Rows, int Count)> embeddings, int d, CancellationToken cancellationToken)
    {
        var levels = spec.Levels;
        var categories = plan.Analysed.Order(StringComparer.Ordinal).Where(c => embeddings[(0, c)].Count > 0).ToList();
        int size = SweepUnits.BootstrapSize(plan);
        var text = new StringBuilder("level,category_a,category_b,k,largest_deg,mean_deg,smallest_deg,grassmann,ci_low,ci_high,null_mean\n");
        for (int l = 0; l < levels.Count; l++)
        {
            // Each category's basis, and each replicate's, once per level: shared by every pair and both k.
            var full = new Dictionary<string, (double[] Basis, int Rank)>(StringComparer.Ordinal);
            var replicates = new Dictionary<string, (double[] Basis, int Rank)[]>(StringComparer.Ordinal);
            foreach (string c in categories)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (rows, n) = embeddings[(l, c)];
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
                    var (rowsA, nA) = embeddings[(l, ca)];
                    var (rowsB, nB) = embeddings[(l, cb)];
                    var pooled = new float[(nA + nB) * d];
                    rowsA.AsSpan(0, nA * d).CopyTo(pooled);
                    rowsB.AsSpan(0, nB * d).CopyTo(pooled.AsSpan(nA * d));
                    var nullBases = Enumerable.Range(0, spec.NullDraws).Select(draw =>
                    {
                        var order = SweepRandom.Permutation(nA + nB, SweepRandom.SeedOf(spec.Seed, $"angle-null/{levels[l].Name}/{ca}/{cb}/{draw}"));
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
                            $"{levels[l].Name},{ca},{cb},{kText},{DiagramFile.Format(Degrees(summary.Largest))},{DiagramFile.Format(mean)},{DiagramFile.Format(Degrees(summary.Smallest))},{DiagramFile.Format(summary.GrassmannDistance)},{DiagramFile.Format(low)},{DiagramFile.Format(high)},{DiagramFile.Format(nullMean)}\n");
                    }
                }
            }
        }

        return text.ToString();
    }

    private static string Similarity(
        SweepSpec spec, SweepPlan plan, Dictionary<(int Level, string Category), (float[] Rows, int Count)> embeddings,
        Dictionary<string, double[]> texts, int captionsPerImage, int d, CancellationToken cancellationToken)
    {
        var levels = spec.Levels;
        var text = new StringBuilder("level,statistic,category,value,ci_low,ci_high\n");
        var textRows = new List<double>();
        foreach (string category in plan.Categories)
        {
            if (texts.TryGetValue(category, out var rows))
            {
                textRows.AddRange(rows);
            }
        }

        for (int l = 0; l < levels.Count; l++)
        {
            var rows = new List<double>();
            var labels = new List<int>();
            for (int k = 0; k < plan.Categories.Count; k++)
            {
                var (r, n) = embeddings[(l, plan.Categories[k])];
                rows.AddRange(ToDouble(r.AsSpan(0, n * d)));
                labels.AddRange(Enumerable.Repeat(k, n));
            }

            int total = labels.Count;
            if (total < 2)
            {
                continue;
            }

            string level = levels[l].Name;
            int m = captionsPerImage > 0 ? total * captionsPerImage : 0;
            var analysis = SimilarityAnalysis.Compute(
                CollectionsMarshal.AsSpan(rows), total, d, m > 0 ? CollectionsMarshal.AsSpan(textRows) : [], m, [.. labels], plan.Categories,
                spec.Bootstrap >= 2 ? spec.Bootstrap : 0, SweepRandom.SeedOf(spec.Seed, $"similarity/{level}"), cancellationToken);

            // A statistic without a bootstrap has its value as both bounds (docs/results.md).
            void Row(string statistic, string category, double value, double? low = null, double? high = null) =>
                text.Append(CultureInfo.InvariantCulture,
                    $"{level},{statistic},{category},{DiagramFile.Format(value)},{DiagramFile.Format(low ?? value)},{DiagramFile.Format(high ?? value)}\n");
            double Named(string prefix) => analysis.Statistics.First(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Value;

            Row("image_image_mean", "all", Named("image-image mean cosine"));
            Row("effective_dimension", "all", Named("image effective dimensionality"));
            if (analysis.TextText is not null)
            {
                Row("text_text_mean", "all", Named("text-text mean cosine"));
                Row("image_text_mean", "all", Named("image-text mean cosine"));
                Row("modality_gap", "all", Named("modality gap"));
            }

            if (analysis.Recall is { } recall)
            {
                for (int k = 0; k < recall.Ks.Count; k++)
                {
                    Row($"recall_i2t@{recall.Ks[k]}", "all", recall.ImageToText[k]);
                }

                for (int k = 0; k < recall.Ks.Count; k++)
                {
                    Row($"recall_t2i@{recall.Ks[k]}", "all", recall.TextToImage[k]);
                }
            }

            var stats = analysis.ImageCategories!;
            for (int k = 0; k < plan.Categories.Count; k++)
            {
                if (k < stats.IntraMeans.Count && !double.IsNaN(stats.IntraMeans[k]))
                {
                    Row("intra_mean", plan.Categories[k], stats.IntraMeans[k]);
                }
            }

            Row("intra_mean", "all", stats.IntraMean);
            Row("inter_mean", "all", stats.InterMean);
            var bootstrap = analysis.Statistics.FirstOrDefault(static s => s.Name.StartsWith("image intra − inter (bootstrap", StringComparison.Ordinal));
            Row("intra_minus_inter", "all", stats.IntraMean - stats.InterMean, bootstrap?.Lower, bootstrap?.Upper);
        }

        return text.ToString();
    }

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
