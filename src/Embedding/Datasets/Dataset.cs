namespace ClipGeometry.Embedding.Datasets;

/// <summary>A loaded dataset: its images with captions, and every issue met while loading it.</summary>
/// <param name="Root">The folder that image names are relative to; every image lies inside it.</param>
/// <param name="Layout">The layout it was read in.</param>
/// <param name="Items">The usable images, in the order of the captions file(s).</param>
/// <param name="Issues">Rows and images that were skipped, with file, line and reason.</param>
public sealed record Dataset(string Root, DatasetLayout Layout, IReadOnlyList<DatasetItem> Items, IReadOnlyList<DatasetIssue> Issues)
{
    /// <summary>The same dataset with other items (after categorisation or sampling, say).</summary>
    public Dataset WithItems(IReadOnlyList<DatasetItem> items) => this with { Items = items };
}
