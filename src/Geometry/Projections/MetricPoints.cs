using System.Numerics.Tensors;

namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// A validated row-major float32 cloud prepared for a metric: rows are unit-normalised for the cosine distance,
/// and squared norms are kept for the Euclidean one, so that every distance follows from one dot product.
/// </summary>
internal sealed class MetricPoints
{
    private MetricPoints(float[] data, int rows, int columns, ProjectionMetric metric, float[] squaredNorms)
    {
        Data = data;
        Rows = rows;
        Columns = columns;
        Metric = metric;
        SquaredNorms = squaredNorms;
    }

    public float[] Data { get; }

    public int Rows { get; }

    public int Columns { get; }

    public ProjectionMetric Metric { get; }

    public float[] SquaredNorms { get; }

    public ReadOnlySpan<float> Row(int i) => Data.AsSpan(i * Columns, Columns);

    /// <summary>Checks the shape and values of <paramref name="points"/> and prepares them (a copy; the input is not changed).</summary>
    public static MetricPoints Create(float[] points, int rows, int columns, ProjectionMetric metric, string name = "points")
    {
        ArgumentNullException.ThrowIfNull(points);
        if (rows < 1)
        {
            throw new ArgumentException($"The {name} have {rows} rows; a projection needs at least one.");
        }

        if (columns < 1)
        {
            throw new ArgumentException($"The {name} have {columns} columns; a projection needs at least one.");
        }

        if (points.Length != (long)rows * columns)
        {
            throw new ArgumentException($"The {name} array holds {points.Length} values, not {rows} rows × {columns} columns = {(long)rows * columns}.");
        }

        var data = points.AsSpan().ToArray();
        var norms = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            var row = data.AsSpan(i * columns, columns);
            for (int c = 0; c < columns; c++)
            {
                if (!float.IsFinite(row[c]))
                {
                    throw new ArgumentException($"Row {i + 1} of the {name} has a value that is not a finite number in column {c + 1}.");
                }
            }

            if (metric == ProjectionMetric.Cosine)
            {
                double norm = Math.Sqrt(TensorPrimitives.Dot<float>(row, row));
                if (norm == 0)
                {
                    throw new ArgumentException($"Row {i + 1} of the {name} is the zero vector, whose cosine distance to other points is undefined.");
                }

                TensorPrimitives.Multiply(row, (float)(1.0 / norm), row);
                norms[i] = 1f;
            }
            else
            {
                norms[i] = TensorPrimitives.Dot<float>(row, row);
            }
        }

        return new MetricPoints(data, rows, columns, metric, norms);
    }

    /// <summary>The rows <paramref name="rows"/> of this cloud, in that order, as a cloud of their own (copied).</summary>
    public MetricPoints Subset(ReadOnlySpan<int> rows)
    {
        var data = new float[rows.Length * Columns];
        var norms = new float[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            Row(rows[r]).CopyTo(data.AsSpan(r * Columns, Columns));
            norms[r] = SquaredNorms[rows[r]];
        }

        return new MetricPoints(data, rows.Length, Columns, Metric, norms);
    }

    /// <summary>The distance between row <paramref name="i"/> of this cloud and row <paramref name="j"/> of <paramref name="other"/>, from their dot product.</summary>
    public float FromDot(float dot, int i, MetricPoints other, int j) => Metric == ProjectionMetric.Cosine
        ? MathF.Max(0f, 1f - dot)
        : MathF.Sqrt(MathF.Max(0f, SquaredNorms[i] + other.SquaredNorms[j] - (2f * dot)));

    /// <summary>The distance between row <paramref name="i"/> of this cloud and row <paramref name="j"/> of <paramref name="other"/>.</summary>
    public float Distance(int i, MetricPoints other, int j) => FromDot(TensorPrimitives.Dot<float>(Row(i), other.Row(j)), i, other, j);
}
