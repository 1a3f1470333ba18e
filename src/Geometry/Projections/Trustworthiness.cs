using System.Numerics.Tensors;

namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// Trustworthiness T(k) (Venna &amp; Kaski 2001), as scikit-learn's sklearn.manifold.trustworthiness:
/// 1 − 2 / (n k (2n − 3k − 1)) · Σᵢ Σ_{j ∈ Uᵢ(k)} max(0, r(i, j) − k), where Uᵢ(k) are the k nearest neighbours of
/// i in the layout (Euclidean) and r(i, j) is the rank of j among i's neighbours in the input space (1 for the
/// nearest; ties ranked by index). 1 means that no layout neighbour is a stranger in the input space.
/// </summary>
public static class Trustworthiness
{
    /// <summary>
    /// T(<paramref name="neighbors"/>) of the layout <paramref name="low"/> (rows × <paramref name="lowColumns"/>, row-major)
    /// of <paramref name="high"/> (rows × <paramref name="columns"/> float32, row-major) under <paramref name="metric"/>.
    /// </summary>
    public static double Compute(float[] high, int rows, int columns, double[] low, int lowColumns, int neighbors, ProjectionMetric metric = ProjectionMetric.Euclidean)
    {
        ArgumentNullException.ThrowIfNull(low);
        MetricPoints.Create(high, rows, columns, metric); // checks shape, finiteness and (cosine) zero rows
        var values = new double[(long)rows * columns];
        var norms = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            var row = values.AsSpan(i * columns, columns);
            for (int c = 0; c < columns; c++)
            {
                row[c] = high[(i * columns) + c];
            }

            norms[i] = TensorPrimitives.Dot<double>(row, row);
        }
        if (lowColumns < 1 || low.Length != (long)rows * lowColumns)
        {
            throw new ArgumentException($"The layout holds {low.Length} values, not {rows} rows × {lowColumns} columns.");
        }

        if (neighbors < 1 || neighbors >= rows / 2.0)
        {
            throw new ArgumentOutOfRangeException(nameof(neighbors), $"Trustworthiness needs 1 ≤ k < n / 2 = {rows / 2.0}, not k = {neighbors}.");
        }

        int k = neighbors;
        var penalties = new long[rows];
        Parallel.For(0, rows, () => (new double[rows], new double[k], new int[k]), (i, _, buffers) =>
        {
            var (distances, lowDistances, lowIndices) = buffers;
            LayoutNeighbors(low, rows, lowColumns, i, lowDistances, lowIndices);
            for (int j = 0; j < rows; j++)
            {
                distances[j] = j == i ? double.PositiveInfinity : Distance(values, norms, columns, i, j, metric);
            }

            double worst = double.NegativeInfinity;
            foreach (int j in lowIndices)
            {
                worst = Math.Max(worst, distances[j]);
            }

            Span<int> ranks = stackalloc int[k];
            ranks.Fill(1);
            for (int l = 0; l < rows; l++)
            {
                double d = distances[l];
                if (d > worst || l == i)
                {
                    continue;
                }

                for (int m = 0; m < k; m++)
                {
                    int j = lowIndices[m];
                    double dj = distances[j];
                    if (d < dj || (d == dj && l < j))
                    {
                        ranks[m]++;
                    }
                }
            }

            long penalty = 0;
            foreach (int r in ranks)
            {
                penalty += Math.Max(0, r - k);
            }

            penalties[i] = penalty;
            return buffers;
        }, _ => { });
        double total = 0;
        foreach (long p in penalties)
        {
            total += p;
        }

        return 1.0 - (total * 2.0 / (rows * (double)k * ((2.0 * rows) - (3.0 * k) - 1.0)));
    }

    /// <summary>The input-space distance in double precision (cosine: 1 − x·y / (‖x‖‖y‖)).</summary>
    private static double Distance(double[] values, double[] norms, int columns, int i, int j, ProjectionMetric metric)
    {
        var x = values.AsSpan(i * columns, columns);
        var y = values.AsSpan(j * columns, columns);
        return metric == ProjectionMetric.Cosine
            ? 1.0 - (TensorPrimitives.Dot<double>(x, y) / Math.Sqrt(norms[i] * norms[j]))
            : Math.Sqrt(Math.Max(0.0, norms[i] + norms[j] - (2.0 * TensorPrimitives.Dot<double>(x, y))));
    }

    /// <summary>The k nearest other rows of row i in the layout (Euclidean, ties by index).</summary>
    private static void LayoutNeighbors(double[] low, int rows, int dimension, int i, double[] distances, int[] indices)
    {
        Array.Fill(distances, double.PositiveInfinity);
        Array.Fill(indices, int.MaxValue);
        int k = distances.Length;
        for (int j = 0; j < rows; j++)
        {
            if (j == i)
            {
                continue;
            }

            double d = 0;
            for (int c = 0; c < dimension; c++)
            {
                double difference = low[(i * dimension) + c] - low[(j * dimension) + c];
                d += difference * difference;
            }

            if (d >= distances[k - 1])
            {
                continue;
            }

            int at = k - 1;
            while (at > 0 && distances[at - 1] > d)
            {
                distances[at] = distances[at - 1];
                indices[at] = indices[at - 1];
                at--;
            }

            distances[at] = d;
            indices[at] = j;
        }
    }
}
