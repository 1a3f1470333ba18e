using System.Globalization;
using System.Text.Json;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Embedding.Models;
using ClipGeometry.Embedding.Perturbations;

namespace ClipGeometry.Sweep.Tests;

/// <summary>A whole sweep by library calls on a tiny demo dataset with the tiny CLIP fixture.</summary>
public sealed class SweepLoopTests
{
    private static SweepSpec Spec(string dataset, int shardSize) => new()
    {
        Dataset = dataset,
        Model = SweepTestData.TinyClip,
        Perturbations = "blur:0,2",
        ShardSize = shardSize,
        Bootstrap = 5,
        NullDraws = 3,
        AngleK = 3,
        Seed = 7,
    };

    [Fact]
    public void Diagrams_do_not_depend_on_shard_size_and_a_rerun_reuses_every_vector()
    {
        string dataset = SweepTestData.Dataset();
        var store = new ArtifactStore(SweepTestData.TempFolder());
        string three = store.PathOf(SweepLoop.Run(store, "shards-3", Spec(dataset, 3)));
        int stored = store.Vectors.Count;
        string seven = store.PathOf(SweepLoop.Run(store, "shards-7", Spec(dataset, 7)));

        Assert.Equal(stored, store.Vectors.Count);
        foreach (string shard in store.List("sweeps/shards-7/shards"))
        {
            Assert.Equal(0, ShardEmbedding.FromJson(store.ReadText("sweeps/shards-7/shards/" + shard)).Computed);
        }

        var files = Directory.GetFiles(Path.Combine(three, "diagrams"), "*.csv", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(three, f)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        foreach (string file in files.Append("wasserstein.csv").Append("subspace_angles.csv").Append("similarity.csv"))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(three, file)), File.ReadAllBytes(Path.Combine(seven, file)));
        }
    }

    [Fact]
    public void A_bad_image_and_an_escaping_path_are_skipped_and_recorded_and_nothing_good_is_lost()
    {
        string dataset = SweepTestData.Dataset();
        var store = new ArtifactStore(SweepTestData.TempFolder());
        string results = store.PathOf(SweepLoop.Run(store, "bad", Spec(dataset, 4)));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "results.json")));
        var skipped = json.RootElement.GetProperty("skipped").EnumerateArray().ToList();
        Assert.Contains(skipped, s => s.GetProperty("path").GetString()!.Contains("broken.jpg", StringComparison.Ordinal) && s.GetProperty("stage").GetString() == "embed");
        Assert.Contains(skipped, s => s.GetProperty("path").GetString()!.Contains("captions.txt", StringComparison.Ordinal) && s.GetProperty("stage").GetString() == "dataset");

        // Every good animal image is there: the six drawn ones.
        var ids = File.ReadAllLines(Path.Combine(results, "embeddings", "sigma-0", "animal.ids.txt"));
        Assert.Equal(6, ids.Length);
        Assert.DoesNotContain(ids, id => id.Contains("broken", StringComparison.Ordinal));
        var npy = NpyFile.Read(Path.Combine(results, "embeddings", "sigma-2", "animal.npy"));
        Assert.Equal(6, npy.Rows);
    }

    [Fact]
    public void The_sweep_diagram_equals_persistence_of_the_exported_embeddings_and_a_bootstrap_interval_is_recomputed()
    {
        string dataset = SweepTestData.Dataset();
        var store = new ArtifactStore(SweepTestData.TempFolder());
        var spec = Spec(dataset, 5);
        string results = store.PathOf(SweepLoop.Run(store, "check", spec));

        // Persistence of the exported .npy (as clipgeo ph reads it) gives the stored diagram.
        var npy = NpyFile.Read(Path.Combine(results, "embeddings", "sigma-2", "sport.npy"));
        var floats = npy.Data.Select(static v => (float)v).ToArray();
        var again = PointSetTopology.Compute(floats, npy.Rows, npy.Columns, spec.DistanceMetric, spec.MaxDimension, spec.MaxPoints);
        Assert.Equal(File.ReadAllText(Path.Combine(results, "diagrams", "sigma-2", "sport.csv")), DiagramCsv.Format(again.Result.Diagrams, spec.Dims));

        // One interval of wasserstein.csv from the exported replicate diagrams.
        var row = File.ReadAllLines(Path.Combine(results, "wasserstein.csv")).Skip(1)
            .Select(static l => l.Split(','))
            .Single(static f => f[0] == "sport" && f[1] == "0" && f[4] == "wasserstein" && f[5] == "1");
        var values = Enumerable.Range(0, spec.Bootstrap).Select(b =>
        {
            var a = DiagramFile.Read(Path.Combine(results, "diagrams", "sigma-0", "replicates", $"sport-{b}.csv"), 0);
            var c = DiagramFile.Read(Path.Combine(results, "diagrams", "sigma-2", "replicates", $"sport-{b}.csv"), 0);
            return DiagramComparison.Distance(DistanceKind.Reported[0], a, c);
        }).ToList();
        var (low, high) = PercentileInterval.Of95(values, double.NaN);
        Assert.Equal(double.Parse(row[9], CultureInfo.InvariantCulture), low);
        Assert.Equal(double.Parse(row[10], CultureInfo.InvariantCulture), high);
        Assert.NotEqual(string.Empty, row[11]);
    }

    [Fact]
    public void The_text_tower_writes_each_images_captions_once_and_the_text_statistics_equal_the_similarity_analysis()
    {
        string dataset = SweepTestData.Dataset();
        var store = new ArtifactStore(SweepTestData.TempFolder());
        var spec = Spec(dataset, 5);
        string results = store.PathOf(SweepLoop.Run(store, "texts", spec));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "results.json")));
        int c = json.RootElement.GetProperty("dataset").GetProperty("captionsPerImage").GetInt32();
        Assert.True(c >= 1);
        Assert.Contains("vocab", json.RootElement.GetProperty("tokenizer").GetString()!, StringComparison.Ordinal);
        var categories = json.RootElement.GetProperty("globalOrder").EnumerateArray().Select(static e => e.GetString()!).ToList();

        // texts/{category}.npy: rows c·i … c·i + c − 1 are the captions of image row i, as the text encoder embeds them.
        using var encoder = new TextEncoder(spec.Model, new EncoderOptions { Provider = ExecutionProviderPreference.Cpu });
        var captions = File.ReadAllLines(Path.Combine(results, "captions", "sport.txt"));
        var sport = NpyFile.Read(Path.Combine(results, "texts", "sport.npy"));
        Assert.Equal(captions.Length * c, sport.Rows);
        var last = captions[^1].Split('\t');
        var expected = encoder.Encode([.. Enumerable.Range(0, c).Select(k => last[k % last.Length])]);
        Assert.Equal(expected, sport.Data.AsSpan((captions.Length - 1) * c * encoder.Dimension).ToArray().Select(static v => (float)v).ToArray());

        // The sweep's similarity rows at sigma-2 equal SimilarityAnalysis on the exported arrays.
        var images = new List<double>();
        var texts = new List<double>();
        var labels = new List<int>();
        for (int k = 0; k < categories.Count; k++)
        {
            var npy = NpyFile.Read(Path.Combine(results, "embeddings", "sigma-2", categories[k] + ".npy"));
            images.AddRange(npy.Data);
            labels.AddRange(Enumerable.Repeat(k, npy.Rows));
            texts.AddRange(NpyFile.Read(Path.Combine(results, "texts", categories[k] + ".npy")).Data);
        }

        int n = labels.Count, d = encoder.Dimension;
        var analysis = ClipGeometry.Geometry.Similarity.SimilarityAnalysis.Compute(
            images.ToArray(), n, d, texts.ToArray(), n * c, [.. labels], categories, 0, 0);
        var rows = File.ReadAllLines(Path.Combine(results, "similarity.csv")).Skip(1).Select(static l => l.Split(','))
            .Where(static f => f[0] == "sigma-2" && f[2] == "all").ToDictionary(static f => f[1], static f => f);
        double Value(string statistic) => double.Parse(rows[statistic][3], CultureInfo.InvariantCulture);
        Assert.Equal(analysis.Recall!.ImageToText[0], Value("recall_i2t@1"));
        Assert.Equal(analysis.Recall.TextToImage[2], Value("recall_t2i@10"));
        Assert.Equal(analysis.Statistics.Single(static s => s.Name.StartsWith("modality gap", StringComparison.Ordinal)).Value, Value("modality_gap"), 12);
        Assert.Equal(analysis.Statistics.Single(static s => s.Name.StartsWith("text-text mean", StringComparison.Ordinal)).Value, Value("text_text_mean"), 12);
        Assert.Equal(analysis.Statistics.Single(static s => s.Name.StartsWith("image-text mean cosine (", StringComparison.Ordinal) || s.Name == "image-text mean cosine").Value, Value("image_text_mean"), 12);

        // Never blank (the intervals themselves: Every_similarity_interval_is_a_stratified_bootstrap_recomputed_from_the_exported_embeddings).
        Assert.All(rows.Values, static f => Assert.NotEqual(string.Empty, f[4]));
        Assert.All(rows.Values, static f => Assert.NotEqual(string.Empty, f[5]));
    }

    [Fact]
    public void Every_similarity_interval_is_a_stratified_bootstrap_recomputed_from_the_exported_embeddings()
    {
        string dataset = SweepTestData.Dataset();
        var store = new ArtifactStore(SweepTestData.TempFolder());
        var spec = Spec(dataset, 5) with { Bootstrap = 40 };
        string results = store.PathOf(SweepLoop.Run(store, "similarity-intervals", spec));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "results.json")));
        int c = json.RootElement.GetProperty("dataset").GetProperty("captionsPerImage").GetInt32();
        var categories = json.RootElement.GetProperty("globalOrder").EnumerateArray().Select(static e => e.GetString()!).ToList();
        var images = new List<double[]>();
        var texts = new List<double[]>();
        var members = new List<int[]>();
        int d = 0;
        foreach (string category in categories)
        {
            var npy = NpyFile.Read(Path.Combine(results, "embeddings", "sigma-2", category + ".npy"));
            var captions = NpyFile.Read(Path.Combine(results, "texts", category + ".npy"));
            d = npy.Shape[1];
            members.Add([.. Enumerable.Range(images.Count, npy.Rows)]);
            for (int r = 0; r < npy.Rows; r++)
            {
                images.Add(Unit(npy.Data.AsSpan(r * d, d)));
                texts.Add([.. Enumerable.Range(0, c).SelectMany(k => Unit(captions.Data.AsSpan(((r * c) + k) * d, d)))]);
            }
        }

        // Replicate b: for each category in globalOrder, as many draws with replacement as it has images, from
        // SplitMix64 seeded by (sweep seed, unit key, statistic, category); the statistic on the drawn images.
        double[] Interval(string statistic, Func<int[], double> value)
        {
            var random = new ClipGeometry.Geometry.SplitMix64(SweepRandom.SeedOf(spec.Seed, $"similarity/sigma-2/{statistic}/all"));
            var replicates = new double[spec.Bootstrap];
            for (int b = 0; b < spec.Bootstrap; b++)
            {
                var drawn = new List<int>();
                foreach (var group in members)
                {
                    for (int k = 0; k < group.Length; k++)
                    {
                        drawn.Add(group[random.NextBelow(group.Length)]);
                    }
                }

                replicates[b] = value([.. drawn]);
            }

            Array.Sort(replicates);
            return [Quantile(replicates, 0.025), Quantile(replicates, 0.975)];
        }

        // Image–image mean cosine over pairs of draws of distinct images.
        var imageMean = Interval("image_image_mean", drawn =>
        {
            double sum = 0;
            int count = 0;
            for (int x = 0; x < drawn.Length; x++)
            {
                for (int y = x + 1; y < drawn.Length; y++)
                {
                    if (drawn[x] != drawn[y])
                    {
                        sum += Dot(images[drawn[x]], images[drawn[y]]);
                        count++;
                    }
                }
            }

            return sum / count;
        });

        // The modality gap of the drawn images and their captions.
        var gap = Interval("modality_gap", drawn =>
        {
            var difference = new double[d];
            foreach (int i in drawn)
            {
                for (int j = 0; j < d; j++)
                {
                    difference[j] += images[i][j] / drawn.Length;
                    for (int k = 0; k < c; k++)
                    {
                        difference[j] -= texts[i][(k * d) + j] / (drawn.Length * c);
                    }
                }
            }

            return Math.Sqrt(Dot(difference, difference));
        });

        var rows = File.ReadAllLines(Path.Combine(results, "similarity.csv")).Skip(1).Select(static l => l.Split(','))
            .Where(static f => f[0] == "sigma-2").ToList();
        double[] Row(string statistic, string category = "all") =>
            [.. rows.Single(f => f[1] == statistic && f[2] == category).Skip(3).Select(static x => double.Parse(x, CultureInfo.InvariantCulture))];
        Assert.Equal(imageMean[0], Row("image_image_mean")[1], 12);
        Assert.Equal(imageMean[1], Row("image_image_mean")[2], 12);
        Assert.Equal(gap[0], Row("modality_gap")[1], 12);
        Assert.Equal(gap[1], Row("modality_gap")[2], 12);

        // On this normal case every mean's interval holds its value and has width.
        foreach (string statistic in new[] { "image_image_mean", "text_text_mean", "image_text_mean", "modality_gap", "intra_mean", "inter_mean", "intra_minus_inter" })
        {
            var (value, low, high) = (Row(statistic)[0], Row(statistic)[1], Row(statistic)[2]);
            Assert.True(low < high && low <= value && value <= high, $"{statistic} {value} has interval [{low}, {high}].");
        }

        foreach (string category in categories)
        {
            var (value, low, high) = (Row("intra_mean", category)[0], Row("intra_mean", category)[1], Row("intra_mean", category)[2]);
            Assert.True(low < high && low <= value && value <= high, $"intra_mean [{category}] {value} has interval [{low}, {high}].");
        }
    }

    private static double[] Unit(ReadOnlySpan<double> row)
    {
        double norm = Math.Sqrt(Dot(row, row));
        var unit = new double[row.Length];
        for (int j = 0; j < row.Length; j++)
        {
            unit[j] = row[j] / norm;
        }

        return unit;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }

    /// <summary>NumPy's default (linear) quantile of sorted values.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    [Fact]
    public void A_shard_embeds_as_the_image_embedder_does()
    {
        string dataset = SweepTestData.Dataset(3);
        var store = new ArtifactStore(SweepTestData.TempFolder());
        var spec = Spec(dataset, 16);
        var plan = SweepUnits.Plan(store, "same", spec);
        using var encoder = new ImageEncoder(spec.Model, new EncoderOptions { Provider = ExecutionProviderPreference.Cpu });
        var shard = plan.Shards[0];
        var embedded = SweepUnits.Embed(store, "same", spec, plan, shard, new ShardEmbedder(encoder));
        var reference = new ImageEmbedder(encoder).Embed(shard.Items.Select(i => plan.Items[i].ImagePath).ToList(), new GaussianBlur(2));
        int d = encoder.Dimension;
        Assert.Contains(reference.Succeeded, static ok => !ok);
        var vector = new float[d];
        for (int r = 0; r < shard.Items.Count; r++)
        {
            Assert.Equal(reference.Succeeded[r], embedded.Items[r].VectorIds is not null);
            if (!reference.Succeeded[r])
            {
                continue;
            }

            Assert.True(store.Vectors.TryGet(embedded.Items[r].VectorIds![1], vector));
            Assert.Equal(reference.Embeddings.AsSpan(r * d, d).ToArray(), vector);
        }
    }

    [Theory]
    [InlineData("blur:-1", "--perturbation")]
    [InlineData("blur:0,x", "--perturbation")]
    public void A_bad_perturbation_is_refused_naming_the_option(string perturbations, string option)
    {
        var e = Assert.Throws<SweepSpecException>(() => new SweepSpec { Dataset = "d", Perturbations = perturbations }.Validate());
        Assert.StartsWith(option, e.Message, StringComparison.Ordinal);
        Assert.False(e.MissingFile);
    }

    [Fact]
    public void A_missing_model_directory_is_refused_as_a_missing_file()
    {
        string dataset = SweepTestData.Dataset(1);
        var e = Assert.Throws<SweepSpecException>(() => new SweepSpec { Dataset = dataset, Model = "/nonexistent/model" }.CheckFiles());
        Assert.Contains("--model", e.Message, StringComparison.Ordinal);
        Assert.True(e.MissingFile);
    }

    [Fact]
    public void A_model_without_the_expected_tensors_is_refused_before_any_work()
    {
        string dataset = SweepTestData.Dataset(1);
        var store = new ArtifactStore(SweepTestData.TempFolder());
        string model = Path.Combine(SweepTestData.TempFolder(), "model.onnx");
        File.WriteAllText(model, "not onnx");
        var e = Assert.Throws<SweepSpecException>(() => SweepUnits.Plan(store, "bad-model", new SweepSpec { Dataset = dataset, Model = model }));
        Assert.StartsWith("--model", e.Message, StringComparison.Ordinal);
        Assert.False(store.Exists(SweepPaths.Plan("bad-model")));
    }

    [Fact]
    public void The_spec_round_trips_through_json()
    {
        var spec = new SweepSpec { Dataset = "d", PerCategory = 4, Dims = [0], Seed = 9 };
        var back = SweepSpec.FromJson(spec.ToJson());
        Assert.Equal(spec.ToJson(), back.ToJson());
        Assert.Equal(["sigma-0", "sigma-1", "sigma-2", "sigma-3", "sigma-4", "sigma-5"], spec.Levels.Select(static l => l.Name));
    }
}
