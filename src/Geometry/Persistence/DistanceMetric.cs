namespace ClipGeometry.Geometry.Persistence;

/// <summary>How distances between points of a cloud are measured.</summary>
public enum DistanceMetric
{
    /// <summary>The Euclidean distance ‖x − y‖.</summary>
    Euclidean,

    /// <summary>The cosine distance 1 − cos(x, y) (not a metric: the triangle inequality can fail).</summary>
    Cosine,

    /// <summary>The angle arccos(cos(x, y)) in radians, a true metric on the sphere.</summary>
    Angular,
}
