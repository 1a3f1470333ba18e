using System.Text.Json;
using ClipGeometry.Embedding.Categories;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Embedding.Models;

namespace ClipGeometry.Sweep.Tests;

/// <summary><c>--categories zero-shot</c>: a planning phase of classification shards at the reference level, then categories from the nearest prompt.</summary>
public sealed class ZeroShotSweepTests
{
    private static SweepSpec Spec(string dataset, string categories = SweepSpec.ZeroShot) => new()
    {
        Dataset = dataset,
        Model = SweepTestData.TinyClip,
        Perturbations = "blur:0,2",
        Categories = categories,
        PerCategory = 3,
        ShardSize = 3,
        Bootstrap = 2,
        NullDraws = 2,
        AngleK = 2,
        Seed = 5,
    };

    [Fact]
    public void Classification_embeds_each_image_once_at_the_reference_level_and_the_sweep_computes_no_vector_twice()
    {
        string dataset = SweepTestData.Dataset(4);
        var store = new ArtifactStore(SweepTestData.TempFolder());
        var spec = Spec(dataset);
        string results = store.PathOf(SweepLoop.Run(store, "zs", spec));

        var classification = SweepPlan.FromJson(store.ReadText(SweepPaths.Classification("zs")));
        var classified = classification.Shards.Select(s => ShardEmbedding.FromJson(store.ReadText(SweepPaths.ClassificationShard("zs", s.Index)))).ToList();
        int embeddable = classified.Sum(static m => m.Items.Count(static i => i.VectorIds is not null));
        Assert.Equal(classification.Items.Count - 1, embeddable); // all but broken.jpg
        Assert.All(classified, static m => Assert.All(m.Items.Where(static i => i.VectorIds is not null), static i => Assert.Single(i.VectorIds!)));
        Assert.Equal(embeddable, classified.Sum(static m => m.Computed));

        var plan = SweepPlan.FromJson(store.ReadText(SweepPaths.Plan("zs")));
        var shards = plan.Shards.Select(s => ShardEmbedding.FromJson(store.ReadText(SweepPaths.Shard("zs", s.Category, s.Index)))).ToList();
        int sampled = shards.Sum(static m => m.Items.Count);
        Assert.Equal(plan.Items.Count, sampled);
        Assert.Equal(sampled, shards.Sum(static m => m.Reused));                       // the reference level: classified before
        Assert.Equal(sampled * (spec.Levels.Count - 1), shards.Sum(static m => m.Computed)); // the other levels only
        Assert.Equal(embeddable + sampled * (spec.Levels.Count - 1), store.Vectors.Count);

        // Each exported image lies nearest to its category's prompt, recomputed here from the exported reference embeddings.
        using var text = new TextEncoder(SweepTestData.TinyClip);
        var rules = CategoryRules.Default;
        string[] prompts = ZeroShotClassifier.Prompts(rules);
        float[] promptRows = text.Encode(prompts);
        Assert.NotEmpty(plan.Analysed);
        foreach (string category in plan.Categories)
        {
            var rows = NpyFile.Read(Path.Combine(results, "embeddings", "sigma-0", category + ".npy"));
            var names = ZeroShotClassifier.AssignNames(rows.Data.Select(static x => (float)x).ToArray(), rows.Rows, promptRows, rules, text.Dimension);
            Assert.All(names, n => Assert.Equal(category, n));
        }

        // results.json records the source, the prompts and the agreement with the caption rules.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "results.json")));
        var record = json.RootElement.GetProperty("categories");
        Assert.Equal("zero-shot", record.GetProperty("source").GetString());
        Assert.Equal(prompts, rules.Categories.Select(r => record.GetProperty("prompts").GetProperty(r.Name).GetString()!).ToArray());
        Assert.Equal(embeddable, record.GetProperty("classified").GetInt32());
        var agreement = record.GetProperty("agreement");
        var confusion = agreement.GetProperty("confusion").EnumerateArray().ToList();
        int compared = agreement.GetProperty("compared").GetInt32();
        Assert.Equal(compared, confusion.Sum(static c => c.GetProperty("count").GetInt32()));
        Assert.Equal(agreement.GetProperty("agreed").GetInt32(), confusion.Where(static c => c.GetProperty("captions").GetString() == c.GetProperty("zeroShot").GetString()).Sum(static c => c.GetProperty("count").GetInt32()));
        Assert.Equal((double)agreement.GetProperty("agreed").GetInt32() / compared, agreement.GetProperty("rate").GetDouble());
        Assert.Contains(json.RootElement.GetProperty("skipped").EnumerateArray(), static s => s.GetProperty("stage").GetString() == "zero-shot" && s.GetProperty("path").GetString()!.Contains("broken.jpg", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rules_files_template_and_prompts_are_used_and_recorded()
    {
        string dataset = SweepTestData.Dataset(2);
        string rulesFile = Path.Combine(SweepTestData.TempFolder(), "rules.json");
        File.WriteAllText(rulesFile, """
            { "template": "a picture showing {category}",
              "categories": [ { "name": "animal", "keywords": ["dog"], "prompt": "a dog or a cat" }, { "name": "vehicle", "keywords": ["car"] } ] }
            """);
        var store = new ArtifactStore(SweepTestData.TempFolder());
        var spec = Spec(dataset, "zero-shot:" + rulesFile);
        var classification = SweepUnits.PlanClassification(store, "zs-rules", spec);
        using var encoder = new ImageEncoder(SweepTestData.TinyClip);
        var embedder = new ShardEmbedder(encoder);
        foreach (var shard in classification.Shards)
        {
            SweepUnits.Classify(store, "zs-rules", spec, classification, shard, embedder);
        }

        var plan = SweepUnits.PlanZeroShot(store, "zs-rules", spec, classification);
        Assert.All(plan.Items, static i => Assert.Contains(i.Category, new[] { "animal", "vehicle", "other" }));
        var record = CategorySource.Describe(store, "zs-rules", spec);
        Assert.Equal("zero-shot", (string?)record["source"]);
        Assert.Equal(rulesFile, (string?)record["rules"]);
        Assert.Equal("a dog or a cat", (string?)record["prompts"]!["animal"]);
        Assert.Equal("a picture showing vehicle", (string?)record["prompts"]!["vehicle"]);
    }

    [Fact]
    public void A_model_without_a_text_tower_is_refused_before_any_work_naming_it()
    {
        string dataset = SweepTestData.Dataset(1);
        var resnet = Assert.Throws<SweepSpecException>(() => new SweepSpec { Dataset = dataset, Model = "resnet18", Categories = "zero-shot" }.Validate());
        Assert.Contains("resnet18", resnet.Message, StringComparison.Ordinal);
        Assert.False(resnet.MissingFile);

        var store = new ArtifactStore(SweepTestData.TempFolder());
        string vision = Path.Combine(SweepTestData.TinyClip, "separate", "vision_model.onnx");
        var e = Assert.Throws<SweepSpecException>(() => SweepUnits.PlanClassification(store, "no-text", Spec(dataset) with { Model = vision }));
        Assert.Contains(vision, e.Message, StringComparison.Ordinal);
        Assert.Contains("text tower", e.Message, StringComparison.Ordinal);
        Assert.False(e.MissingFile);
        Assert.False(store.Exists(SweepPaths.Classification("no-text")));
    }

    [Fact]
    public void Caption_categories_are_recorded_as_such()
    {
        var store = new ArtifactStore(SweepTestData.TempFolder());
        var record = CategorySource.Describe(store, "none", new SweepSpec { Dataset = "d" });
        Assert.Equal("captions", (string?)record["source"]);
        Assert.Equal("rules file", (string?)CategorySource.Describe(store, "none", new SweepSpec { Dataset = "d", Categories = "r.json" })["source"]);
    }
}
