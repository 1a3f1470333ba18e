using ClipGeometry.Embedding.Categories;

namespace ClipGeometry.Embedding.Datasets;

/// <summary>
/// The first step of a sweep in one call: load the dataset, give every image a category (from the dataset
/// when it names one for every image, otherwise from the captions with the rules), and draw the seeded sample.
/// </summary>
public static class DatasetPipeline
{
    /// <summary>Loads, categorises and samples the dataset at <paramref name="path"/>.</summary>
    /// <param name="path">A dataset folder or captions file (see <see cref="DatasetLoader"/>).</param>
    /// <param name="rules">The caption rules; their catch-all name is used for the sample's exclusion too.</param>
    /// <param name="sample">The sampling options.</param>
    /// <param name="load">Load overrides, or null.</param>
    /// <param name="useDatasetCategories">Whether a manifest's categories, when every image has one, are kept (default true).</param>
    public static PreparedDataset Prepare(string path, CategoryRules rules, DatasetSampleOptions sample, DatasetLoadOptions? load = null, bool useDatasetCategories = true)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(sample);
        var dataset = DatasetLoader.Load(path, load);
        bool fromDataset = useDatasetCategories && dataset.Items.Count > 0 && dataset.Items.All(i => !string.IsNullOrWhiteSpace(i.Category));
        IReadOnlyList<DatasetItem> categorised;
        IReadOnlyList<KeyValuePair<string, int>> counts;
        if (fromDataset)
        {
            categorised = dataset.Items;
            counts = Count(categorised, rules);
        }
        else
        {
            var result = new CaptionCategorizer(rules).Assign(dataset.Items);
            categorised = result.Items;
            counts = result.Counts;
        }

        var sampled = DatasetSampler.Sample(categorised, sample with { OtherCategory = rules.Other });
        return new PreparedDataset(dataset.WithItems(sampled), counts, Count(sampled, rules), fromDataset);
    }

    /// <summary>Images per category: the rules' categories in order, then any others met (sorted), then the catch-all.</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> Count(IReadOnlyList<DatasetItem> items, CategoryRules rules)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(rules);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            string category = item.Category ?? rules.Other;
            counts[category] = counts.GetValueOrDefault(category) + 1;
        }

        var known = rules.Categories.Select(c => c.Name).ToList();
        var extra = counts.Keys.Where(k => !known.Contains(k) && k != rules.Other).Order(StringComparer.Ordinal);
        return known.Concat(extra).Append(rules.Other)
            .Select(name => new KeyValuePair<string, int>(name, counts.GetValueOrDefault(name)))
            .ToArray();
    }
}
