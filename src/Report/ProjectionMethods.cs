namespace ClipGeometry.Report;

/// <summary>The projection methods the report can use when <c>projections/</c> lacks them.</summary>
public static class ProjectionMethods
{
    /// <summary>The values of <c>clipgeo report --projection</c>.</summary>
    public static IReadOnlyList<string> Choices { get; } = ["umap", "tsne", "both"];

    /// <summary>The default: UMAP (cosine, 15 neighbours, min_dist 0.1, seed 42), as the seed study's figure.</summary>
    public static IProjectionMethod Default { get; } = new UmapProjection();

    /// <summary>t-SNE (cosine, perplexity 30, Barnes–Hut, scikit-learn 1.2's other defaults).</summary>
    public static IProjectionMethod Tsne { get; } = new TsneProjection();

    /// <summary>
    /// The methods of a <c>--projection</c> value: <c>umap</c>, <c>tsne</c>, or <c>both</c> (UMAP then t-SNE, two maps);
    /// null when <paramref name="choice"/> is none of <see cref="Choices"/>.
    /// </summary>
    public static IReadOnlyList<IProjectionMethod>? Parse(string choice) => choice switch
    {
        "umap" => [Default],
        "tsne" => [Tsne],
        "both" => [Default, Tsne],
        _ => null,
    };
}
