using System.Text.Json;
using ClipGeometry.Embedding.Categories;
using ClipGeometry.Embedding.Datasets;

namespace ClipGeometry.Sweep;

/// <summary>
/// A sweep's plan: the sampled images in dataset order with their categories, the categories analysed one by one
/// (every category but the catch-all, unless the rules name it), and the shards each category is cut into.
/// <c>global</c> is every sampled image, the catch-all included: the categories' rows in turn.
/// </summary>
public sealed record SweepPlan
{
    /// <summary>The name of the point set of every image.</summary>
    public const string Global = "global";

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The dataset root.</summary>
    public string Root { get; init; } = string.Empty;

    /// <summary>The dataset layout.</summary>
    public string Layout { get; init; } = string.Empty;

    /// <summary>The sampled images, in dataset order.</summary>
    public IReadOnlyList<SweepItem> Items { get; init; } = [];

    /// <summary>Every category with at least one sampled image, in the rules' order (the catch-all last): the order of <c>global</c>'s rows by category.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The categories that get their own persistence, distances and angles.</summary>
    public IReadOnlyList<string> Analysed { get; init; } = [];

    /// <summary>The embedding units.</summary>
    public IReadOnlyList<SweepShard> Shards { get; init; } = [];

    /// <summary>Images per category before sampling.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    /// <summary>Images per category in the sample.</summary>
    public IReadOnlyDictionary<string, int> Sampled { get; init; } = new Dictionary<string, int>();

    /// <summary>Dataset rows and images left out while loading.</summary>
    public IReadOnlyList<SkippedInput> Skipped { get; init; } = [];

    /// <summary>Captions per image (the most any image has).</summary>
    public int CaptionsPerImage { get; init; }

    /// <summary>
    /// The items of <paramref name="category"/> in dataset order; for <see cref="Global"/>, the categories' items
    /// concatenated in the order of <see cref="Categories"/> (results.json's <c>globalOrder</c>).
    /// </summary>
    public IEnumerable<SweepItem> ItemsOf(string category) =>
        category == Global ? Categories.SelectMany(c => Items.Where(i => i.Category == c)) : Items.Where(i => i.Category == category);

    /// <summary>The plan as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a plan written by <see cref="ToJson"/>.</summary>
    public static SweepPlan FromJson(string json) =>
        JsonSerializer.Deserialize<SweepPlan>(json, JsonOptions) ?? throw new InvalidDataException("The sweep plan JSON is null.");

    /// <summary>The category of the zero-shot classification shards (every loaded image, cut in dataset order).</summary>
    public const string Classification = "zero-shot";

    /// <summary>
    /// Loads, categorises (by captions) and samples the dataset of <paramref name="spec"/> and cuts each category into shards.
    /// </summary>
    /// <exception cref="SweepSpecException">The dataset cannot be read, or a category named by the rules has no image.</exception>
    public static SweepPlan Create(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var rules = spec.LoadRules();
        PreparedDataset prepared = Read(spec, () => DatasetPipeline.Prepare(
            spec.Dataset,
            rules,
            new DatasetSampleOptions { Seed = spec.Seed, PerCategoryCap = spec.PerCategory, IncludeOther = true }));
        return Build(spec, rules, prepared, []);
    }

    /// <summary>
    /// The zero-shot planning phase's first step: every loaded image (before sampling), in dataset order, with its
    /// caption category (for the agreement), cut into shards of the spec's shard size under the category
    /// <see cref="Classification"/>; these shards are embedded at the reference level only.
    /// </summary>
    /// <exception cref="SweepSpecException">The dataset cannot be read, or holds no image.</exception>
    public static SweepPlan CreateClassification(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var rules = spec.LoadRules();
        var dataset = Read(spec, () => DatasetLoader.Load(spec.Dataset));
        bool fromDataset = dataset.Items.Count > 0 && dataset.Items.All(static i => !string.IsNullOrWhiteSpace(i.Category));
        var categorised = fromDataset ? dataset.Items : new CaptionCategorizer(rules).Assign(dataset.Items).Items;
        if (categorised.Count == 0)
        {
            throw new SweepSpecException($"--dataset {spec.Dataset}: the dataset holds no usable image.");
        }

        var items = categorised.Select(static (item, i) => new SweepItem(i, item.Name, item.ImagePath, item.Category ?? string.Empty, item.Captions)).ToList();
        var shards = new List<SweepShard>();
        for (int first = 0, index = 0; first < items.Count; first += spec.ShardSize, index++)
        {
            shards.Add(new SweepShard(Classification, index, Enumerable.Range(first, Math.Min(spec.ShardSize, items.Count - first)).ToList()));
        }

        return new SweepPlan
        {
            Root = dataset.Root,
            Layout = dataset.Layout.ToString(),
            Items = items,
            Shards = shards,
            Skipped = Issues(dataset),
            CaptionsPerImage = items.Max(static i => i.Captions.Count),
        };
    }

    /// <summary>
    /// The zero-shot planning phase's last step: the images of <paramref name="classification"/> with their zero-shot
    /// categories (<paramref name="assigned"/>, by item index; images missing from it could not be embedded and are
    /// recorded in <paramref name="unclassified"/>), sampled and cut into shards as for caption categories.
    /// </summary>
    /// <exception cref="SweepSpecException">No image falls into any category.</exception>
    public static SweepPlan CreateZeroShot(SweepSpec spec, SweepPlan classification, IReadOnlyDictionary<int, string> assigned, IReadOnlyList<SkippedInput> unclassified)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(assigned);
        ArgumentNullException.ThrowIfNull(unclassified);
        var rules = spec.LoadRules();
        var categorised = classification.Items
            .Where(i => assigned.ContainsKey(i.Index))
            .Select(i => new DatasetItem(i.ImagePath, i.Name, i.Captions, assigned[i.Index]))
            .ToList();
        var sample = DatasetSampler.Sample(categorised, new DatasetSampleOptions { Seed = spec.Seed, PerCategoryCap = spec.PerCategory, IncludeOther = true, OtherCategory = rules.Other });
        var dataset = new Dataset(classification.Root, Enum.Parse<DatasetLayout>(classification.Layout), sample, []);
        var prepared = new PreparedDataset(dataset, DatasetPipeline.Count(categorised, rules), DatasetPipeline.Count(sample, rules), false);
        return Build(spec, rules, prepared, classification.Skipped.Concat(unclassified).ToList());
    }

    private static T Read<T>(SweepSpec spec, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FileNotFoundException e)
        {
            throw new SweepSpecException($"--dataset {e.Message}", missingFile: true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or FormatException)
        {
            // The dataset exists (CheckFiles) but cannot be read: a failure, not a usage error.
            throw new SweepSpecException($"--dataset {e.Message}", unusableFile: true, e);
        }
    }

    private static List<SkippedInput> Issues(Dataset dataset) =>
        dataset.Issues.Select(static i => new SkippedInput(i.Line > 0 ? $"{i.File}:{i.Line}" : i.File, i.Reason, "dataset")).ToList();

    private static SweepPlan Build(SweepSpec spec, CategoryRules rules, PreparedDataset prepared, List<SkippedInput> skipped)
    {
        var dataset = prepared.Dataset;
        var items = new List<SweepItem>(dataset.Items.Count);
        foreach (var item in dataset.Items)
        {
            items.Add(new SweepItem(items.Count, item.Name, item.ImagePath, item.Category ?? rules.Other, item.Captions));
        }

        var sampled = prepared.SampleCounts.ToDictionary(static p => p.Key, static p => p.Value, StringComparer.Ordinal);
        var categories = prepared.SampleCounts.Where(static p => p.Value > 0).Select(static p => p.Key).ToList();
        var analysed = categories.Where(c => c != rules.Other).ToList();
        var empty = rules.Categories.Select(static r => r.Name).FirstOrDefault(n => sampled.GetValueOrDefault(n) == 0);
        if (empty is not null && spec.RulesFile is not null && !spec.IsZeroShot)
        {
            throw new SweepSpecException($"--categories {spec.Categories}: the category '{empty}' has no image in {dataset.Root}; remove it from the rules.");
        }

        if (analysed.Count == 0)
        {
            throw new SweepSpecException(spec.IsZeroShot
                ? $"--categories {spec.Categories}: the model put no image of {spec.Dataset} into any category."
                : $"--dataset {spec.Dataset}: no image falls into any category of the rules ({string.Join(", ", rules.Categories.Select(static r => r.Name))}).");
        }

        var shards = new List<SweepShard>();
        foreach (string category in categories)
        {
            var members = items.Where(i => i.Category == category).Select(static i => i.Index).ToList();
            for (int first = 0, index = 0; first < members.Count; first += spec.ShardSize, index++)
            {
                shards.Add(new SweepShard(category, index, members.GetRange(first, Math.Min(spec.ShardSize, members.Count - first))));
            }
        }

        return new SweepPlan
        {
            Root = dataset.Root,
            Layout = dataset.Layout.ToString(),
            Items = items,
            Categories = categories,
            Analysed = analysed,
            Shards = shards,
            Counts = prepared.CategoryCounts.ToDictionary(static p => p.Key, static p => p.Value, StringComparer.Ordinal),
            Sampled = sampled,
            Skipped = skipped.Count == 0 ? Issues(dataset) : skipped,
            CaptionsPerImage = items.Count == 0 ? 0 : items.Max(static i => i.Captions.Count),
        };
    }
}
