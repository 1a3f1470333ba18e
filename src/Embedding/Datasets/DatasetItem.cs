namespace ClipGeometry.Embedding.Datasets;

/// <summary>One image of a dataset with its captions.</summary>
/// <param name="ImagePath">The full path of the image file, resolved inside the dataset's image root.</param>
/// <param name="Name">The image's path relative to the image root, with '/' separators: a stable identifier for sampling, caches and results.</param>
/// <param name="Captions">The image's captions, in file order (five for Flickr8k).</param>
/// <param name="Category">The category given by the dataset (a manifest's <c>category</c> column) or assigned later; null when none.</param>
public sealed record DatasetItem(string ImagePath, string Name, IReadOnlyList<string> Captions, string? Category = null);
