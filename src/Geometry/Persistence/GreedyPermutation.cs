namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// Farthest-point (greedy permutation) subsampling: start at point 0, then repeatedly add the point farthest
/// from those chosen. In a metric space the cover radius — the largest distance from any point to the subsample —
/// bounds the bottleneck distance between the Rips diagrams of the subsample and of the whole cloud by twice its
/// value (the proof uses the triangle inequality; see <see cref="Select(PointCloud, DistanceMetric, int, int)"/> for cosine).
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

    /// <summary>
    /// The greedy permutation of a point cloud, distances computed in parallel. The bound 2r needs the triangle
    /// inequality, which 1 − cos lacks: for <see cref="DistanceMetric.Cosine"/> the permutation is built in the
    /// angular metric and r is an angle. The cosine filtration is 1 − cos applied to the angular one and 1 − cos is
    /// 1-Lipschitz, so the cosine diagrams too are within 2r of the full ones.
    /// </summary>
    /// <exception cref="ZeroVectorException">Cosine or angular metric and a point is the zero vector.</exception>
    public static GreedySubsample Select(PointCloud cloud, DistanceMetric metric, int count, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var coverMetric = CoverMetric(metric);
        var kernel = new PairwiseDistance(cloud, coverMetric);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        int n = cloud.Count;
        var buffer = new double[n];
        var (indices, cover) = Select(n, count, (p, row) =>
        {
            Parallel.For(0, (n + 1023) / 1024, options, block =>
            {
                int start = block * 1024;
                kernel.FillRange(p, start, buffer.AsSpan(start, Math.Min(n, start + 1024) - start));
            });
            buffer.CopyTo(row);
        });
        return new GreedySubsample(indices, cover, coverMetric.ToString().ToLowerInvariant());
    }

    /// <summary>The metric the cover radius of a greedy permutation for <paramref name="metric"/> is measured in (angular for cosine).</summary>
    public static DistanceMetric CoverMetric(DistanceMetric metric) => metric == DistanceMetric.Cosine ? DistanceMetric.Angular : metric;

    /// <summary>The greedy permutation under the distances of a dense matrix.</summary>
    /// <remarks>The bound 2r holds when the matrix satisfies the triangle inequality.</remarks>
    public static GreedySubsample Select(DistanceMatrix matrix, int count)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var (indices, cover) = Select(matrix.Count, count, (p, row) =>
        {
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = matrix[p, i];
            }
        });
        return new GreedySubsample(indices, cover, "precomputed");
    }
}
