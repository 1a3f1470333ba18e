using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;

namespace ClipGeometry.Sweep;

/// <summary>
/// The results directory (docs/results.md), the sweep's last unit: it assembles wasserstein.csv, subspace_angles.csv
/// and similarity.csv from the fragments the metrics units stored (<see cref="SweepMetrics"/>), in a fixed order, and
/// writes the embeddings, captions, thumbnails and diagrams, and results.json; it computes no statistic. Written under the sweep's folder in the store (to a temporary folder, then renamed), whence the
/// client fetches it.
/// </summary>
public static class SweepResultsWriter
{
    /// <summary>The results format written.</summary>
    public const string Format = "clipgeo.results/1";

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>Assembles the results directory from the stored units' outputs; returns its path relative to the store.</summary>
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
        var rowItems = new Dictionary<string, IReadOnlyList<SweepItem>>(StringComparer.Ordinal);
        int d = model.Dimension;
        for (int l = 0; l < levels.Count; l++)
        {
            foreach (string category in plan.Categories)
            {
                var (rows, n, _, items) = SweepUnits.Embeddings(store, sweepId, plan, l, category);
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
        int captionsPerImage = textRecord is { HasTextTower: true } ? textRecord.CaptionsPerImage : 0;
        if (captionsPerImage > 0)
        {
            Directory.CreateDirectory(Path.Combine(root, "texts"));
            foreach (string category in plan.Categories)
            {
                var items = rowItems[category];
                var rows = SweepMetrics.TextRows(store, sweepId, plan, category, items, captionsPerImage, d);
                var single = new float[rows.Length];
                for (int i = 0; i < rows.Length; i++)
                {
                    single[i] = (float)rows[i];
                }

                NpyFile.WriteSingle(Path.Combine(root, "texts", category + ".npy"), single, items.Count * captionsPerImage, d);
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

        // The metrics units' fragments, in a fixed order (never the order in which they finished).
        File.WriteAllText(Path.Combine(root, "wasserstein.csv"), Assemble(store, sweepId, "category,dim,level_a,level_b,kind,order,ground,statistic,distance,ci_low,ci_high,null_mean",
            pointSets.SelectMany(set => levels.Skip(1).Select(level => SweepUnits.WassersteinKey(set, level.Name)))));
        File.WriteAllText(Path.Combine(root, "subspace_angles.csv"), Assemble(store, sweepId, "level,category_a,category_b,k,largest_deg,mean_deg,smallest_deg,grassmann,ci_low,ci_high,null_mean",
            levels.Select(static level => SweepUnits.AnglesKey(level.Name))));
        File.WriteAllText(Path.Combine(root, "similarity.csv"), Assemble(store, sweepId, "level,statistic,category,value,ci_low,ci_high",
            levels.Select(static level => SweepUnits.SimilarityKey(level.Name))));

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

    // The metrics stage is its units' span plus this assembly; the total includes the assembly.
    private static JsonObject Timings(IReadOnlyDictionary<string, double> timings, double assembly)
    {
        var result = new JsonObject();
        foreach (var (stage, seconds) in timings)
        {
            result[stage] = seconds;
        }

        result["metrics"] = timings.GetValueOrDefault("metrics") + assembly;
        if (timings.TryGetValue("total", out double total))
        {
            result["total"] = total + assembly;
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

    private static string Assemble(ArtifactStore store, string sweepId, string header, IEnumerable<string> unitKeys)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (string key in unitKeys)
        {
            text.Append(store.ReadText(SweepPaths.Fragment(sweepId, key)));
        }

        return text.ToString();
    }
}
