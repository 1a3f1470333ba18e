namespace ClipGeometry.Report;

/// <summary>Places a results directory's images (and captions) in a 2-D map, one point list per level.</summary>
public interface IProjectionMethod
{
    /// <summary>The method's name in file names and options: <c>umap</c> or <c>tsne</c> (<see cref="ProjectionFile.RelativePath"/>).</summary>
    string Name { get; }

    /// <summary>A one-line description for the figure's caption, e.g. "UMAP (cosine, 15 neighbours) fitted at sigma-0".</summary>
    string Describe(ResultsData data);

    /// <summary>The points of every level that has embeddings.</summary>
    Dictionary<string, List<ProjectionPoint>> Project(ResultsData data, IProgress<string>? progress, CancellationToken cancellationToken);
}
