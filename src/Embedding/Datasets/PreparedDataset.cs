namespace ClipGeometry.Embedding.Datasets;

/// <summary>A dataset loaded, categorised and sampled, with what was counted on the way.</summary>
/// <param name="Dataset">The dataset holding the sampled items (each with its category) and every load issue.</param>
/// <param name="CategoryCounts">Images per category before sampling, in rule order, the catch-all last.</param>
/// <param name="SampleCounts">Images per category in the sample, in the same order.</param>
/// <param name="CategoriesFromDataset">True when the categories came from the dataset (a manifest's column) rather than the caption rules.</param>
public sealed record PreparedDataset(
    Dataset Dataset,
    IReadOnlyList<KeyValuePair<string, int>> CategoryCounts,
    IReadOnlyList<KeyValuePair<string, int>> SampleCounts,
    bool CategoriesFromDataset);
