using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry;

/// <summary>A point is the zero vector, whose cosine or angular distance to other points is undefined.</summary>
public sealed class ZeroVectorException : ArgumentException
{
    /// <summary>Creates the exception for point <paramref name="pointIndex"/> (0-based).</summary>
    public ZeroVectorException(int pointIndex, DistanceMetric metric)
        : base($"Point {pointIndex + 1} is the zero vector, whose {metric.ToString().ToLowerInvariant()} distance to other points is undefined.")
    {
        PointIndex = pointIndex;
        Metric = metric;
    }

    /// <summary>Creates the exception.</summary>
    public ZeroVectorException()
    {
        PointIndex = -1;
    }

    /// <summary>Creates the exception with a message.</summary>
    public ZeroVectorException(string message)
        : base(message)
    {
        PointIndex = -1;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public ZeroVectorException(string message, Exception innerException)
        : base(message, innerException)
    {
        PointIndex = -1;
    }

    /// <summary>The 0-based index of the zero point (the row of the input), or −1.</summary>
    public int PointIndex { get; }

    /// <summary>The metric that needed the point's direction.</summary>
    public DistanceMetric Metric { get; }
}
