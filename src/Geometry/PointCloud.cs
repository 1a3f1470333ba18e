namespace ClipGeometry.Geometry;

/// <summary>
/// A finite set of points in R^d, stored row-major in one array so that it can be cut into chunks,
/// sent between grains and handed to vectorised kernels without copying.
/// </summary>
public sealed class PointCloud
{
    private readonly double[] _coordinates;

    /// <summary>Wraps <paramref name="coordinates"/> (row-major, <paramref name="count"/> × <paramref name="dimension"/>) without copying.</summary>
    /// <exception cref="ArgumentException">The sizes disagree or a coordinate is NaN or infinite.</exception>
    public PointCloud(double[] coordinates, int count, int dimension)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if ((long)count * dimension != coordinates.Length)
        {
            throw new ArgumentException(
                $"A point cloud of {count} points in R^{dimension} needs {(long)count * dimension} coordinates, not {coordinates.Length}.",
                nameof(coordinates));
        }

        for (int i = 0; i < coordinates.Length; i++)
        {
            if (!double.IsFinite(coordinates[i]))
            {
                throw new ArgumentException(
                    $"Point {i / dimension} has a non-finite coordinate {coordinates[i]} at position {i % dimension}.",
                    nameof(coordinates));
            }
        }

        _coordinates = coordinates;
        Count = count;
        Dimension = dimension;
    }

    /// <summary>The number of points.</summary>
    public int Count { get; }

    /// <summary>The dimension of the ambient space.</summary>
    public int Dimension { get; }

    /// <summary>All coordinates, row-major.</summary>
    public ReadOnlySpan<double> Coordinates => _coordinates;

    /// <summary>The coordinates of point <paramref name="index"/>.</summary>
    public ReadOnlySpan<double> this[int index] => _coordinates.AsSpan(index * Dimension, Dimension);

    /// <summary>Builds a point cloud from single-precision rows (embeddings), widening to double.</summary>
    public static PointCloud FromSingle(ReadOnlySpan<float> coordinates, int count, int dimension)
    {
        var wide = new double[coordinates.Length];
        for (int i = 0; i < wide.Length; i++)
        {
            wide[i] = coordinates[i];
        }

        return new PointCloud(wide, count, dimension);
    }

    /// <summary>The points at <paramref name="indices"/>, in that order, as a new cloud.</summary>
    public PointCloud Subset(ReadOnlySpan<int> indices)
    {
        var rows = new double[indices.Length * Dimension];
        for (int k = 0; k < indices.Length; k++)
        {
            this[indices[k]].CopyTo(rows.AsSpan(k * Dimension, Dimension));
        }

        return new PointCloud(rows, indices.Length, Dimension);
    }
}
