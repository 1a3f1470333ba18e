namespace ClipGeometry.Report;

/// <summary>The projection methods the report can use when <c>projections/</c> is absent.</summary>
public static class ProjectionMethods
{
    /// <summary>The default: UMAP (cosine, 15 neighbours, min_dist 0.1, seed 42), as the seed study's figure.</summary>
    public static IProjectionMethod Default { get; } = new UmapProjection();
}
