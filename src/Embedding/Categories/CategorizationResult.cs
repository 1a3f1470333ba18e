using ClipGeometry.Embedding.Datasets;

namespace ClipGeometry.Embedding.Categories;

/// <summary>The dataset's items with their caption categories, and how many images each category got.</summary>
/// <param name="Items">Every item, its <see cref="DatasetItem.Category"/> set (the catch-all included).</param>
/// <param name="Counts">Images per category, in rule order, then the catch-all.</param>
public sealed record CategorizationResult(IReadOnlyList<DatasetItem> Items, IReadOnlyList<KeyValuePair<string, int>> Counts);
