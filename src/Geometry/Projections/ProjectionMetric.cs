namespace ClipGeometry.Geometry.Projections;

/// <summary>The dissimilarity between input points that a projection preserves.</summary>
public enum ProjectionMetric
{
    /// <summary>The Euclidean distance ‖x − y‖.</summary>
    Euclidean,

    /// <summary>The cosine distance 1 − x·y / (‖x‖‖y‖); zero vectors are refused.</summary>
    Cosine,
}
