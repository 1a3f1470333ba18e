namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// Farthest-point (greedy permutation) subsampling: start at point 0, then repeatedly add the point farthest
/// from those chosen. The cover radius — the largest distance from any point to the subsample — bounds the
/// bottleneck distance between the diagrams of the subsample and of the whole cloud by twice its value.
/// </summary>
public static class GreedyPermutation
{
    /// <summary>The first <paramref name="count"/> points of the greedy permutation and the cover radius.</summary>
    /// <param name="pointCount">The number of points.</param>
    /// <param name="count">How many to choose (at most <paramref name="pointCount"/>).</param>
    /// <param name="distancesFrom">Writes d(point, every point) into the span (length <paramref name="pointCount"/>).</param>
    public static (int[] Indices, double CoverRadius) Select(int pointCount, int count, Action<int, Span<double>> distancesFrom)
    {
        ArgumentNullException.ThrowIfNull(distancesFrom);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, pointCount);
        var chosen = new int[count];
        var nearest = new double[pointCount];
        var row = new double[pointCount];
        Array.Fill(nearest, double.PositiveInfinity);
        int next = 0;
        for (int k = 0; k < count; k++)
        {
            chosen[k] = next;
            distancesFrom(next, row);
            int farthest = 0;
            double far = -1;
            for (int i = 0; i < pointCount; i++)
            {
                if (row[i] < nearest[i])
                {
                    nearest[i] = row[i];
                }

                if (nearest[i] > far)
                {
                    far = nearest[i];
                    farthest = i;
                }
            }

            next = farthest;
        }

        double cover = 0;
        foreach (double d in nearest)
        {
            cover = Math.Max(cover, d);
        }

        return (chosen, cover);
    }

    /// <summary>The greedy permutation of a point cloud under a metric, distances computed in parallel.</summary>
    public static (int[] Indices, double CoverRadius) Select(PointCloud cloud, DistanceMetric metric, int count, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var kernel = new PairwiseDistance(cloud, metric);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        int n = cloud.Count;
        var buffer = new double[n];
        return Select(n, count, (p, row) =>
        {
            Parallel.For(0, (n + 1023) / 1024, options, block =>
            {
                int end = Math.Min(n, (block + 1) * 1024);
                for (int i = block * 1024; i < end; i++)
                {
                    buffer[i] = kernel.Distance(p, i);
                }
            });
            buffer.CopyTo(row);
        });
    }

    /// <summary>The greedy permutation under the distances of a dense matrix.</summary>
    public static (int[] Indices, double CoverRadius) Select(DistanceMatrix matrix, int count)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Select(matrix.Count, count, (p, row) =>
        {
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = matrix[p, i];
            }
        });
    }
}
