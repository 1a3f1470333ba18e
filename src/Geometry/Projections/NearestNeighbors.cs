namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// k-nearest-neighbour graphs for the projections: exact by blocked, vectorised matrix products up to
/// <see cref="ExactLimit"/> points, NN-descent beyond. Points are row-major float32, rows × columns.
/// </summary>
public static class NearestNeighbors
{
    /// <summary>
    /// The largest cloud that <see cref="Compute"/> searches exactly; larger ones use NN-descent. NN-descent is faster
    /// from a few thousand points on clustered data, but its recall drops where a cluster outgrows a 2-means leaf
    /// (0.82 on 20,000 points in two isotropic clusters), so exact search, which costs seconds to a minute here, is kept
    /// up to 50,000 points as the issue asks.
    /// </summary>
    public const int ExactLimit = 50_000;

    /// <summary>
    /// Each point and its <paramref name="neighbors"/> − 1 nearest other points (the point itself first), exact up
    /// to <see cref="ExactLimit"/> points and by NN-descent beyond.
    /// </summary>
    public static NeighborGraph Compute(float[] points, int rows, int columns, int neighbors, ProjectionMetric metric, ulong seed = 42, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
        => rows <= ExactLimit
            ? Exact(points, rows, columns, neighbors, metric, progress, cancellationToken)
            : Descent(points, rows, columns, neighbors, metric, seed, progress, cancellationToken);

    /// <summary>Each point and its <paramref name="neighbors"/> − 1 nearest other points, exactly.</summary>
    public static NeighborGraph Exact(float[] points, int rows, int columns, int neighbors, ProjectionMetric metric, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var cloud = MetricPoints.Create(points, rows, columns, metric);
        CheckNeighbors(neighbors, rows);
        return WithSelf(ExactNeighborSearch.Search(cloud, cloud, neighbors - 1, skipSelf: true, progress, cancellationToken));
    }

    /// <summary>Each point and its <paramref name="neighbors"/> − 1 nearest other points, approximately, by NN-descent started from exact search within the leaves of seeded 2-means trees.</summary>
    public static NeighborGraph Descent(float[] points, int rows, int columns, int neighbors, ProjectionMetric metric, ulong seed, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var cloud = MetricPoints.Create(points, rows, columns, metric);
        CheckNeighbors(neighbors, rows);
        var (indices, distances) = NeighborDescent.Search(cloud, neighbors - 1, seed, progress, cancellationToken);
        return WithSelf(new NeighborGraph(rows, neighbors - 1, indices, distances));
    }

    /// <summary>The <paramref name="neighbors"/> nearest reference points of each query point, exactly.</summary>
    public static NeighborGraph Query(float[] references, int referenceRows, float[] queries, int queryRows, int columns, int neighbors, ProjectionMetric metric, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var reference = MetricPoints.Create(references, referenceRows, columns, metric, "reference points");
        var query = MetricPoints.Create(queries, queryRows, columns, metric, "query points");
        return Query(reference, query, neighbors, progress, cancellationToken);
    }

    internal static NeighborGraph Query(MetricPoints references, MetricPoints queries, int neighbors, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (neighbors < 1 || neighbors > references.Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(neighbors), $"The number of neighbours must be between 1 and the {references.Rows} reference points, not {neighbors}.");
        }

        return ExactNeighborSearch.Search(references, queries, neighbors, skipSelf: false, progress, cancellationToken);
    }

    internal static NeighborGraph Build(MetricPoints cloud, int neighbors, ulong seed, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        CheckNeighbors(neighbors, cloud.Rows);
        if (cloud.Rows <= ExactLimit)
        {
            return WithSelf(ExactNeighborSearch.Search(cloud, cloud, neighbors - 1, skipSelf: true, progress, cancellationToken));
        }

        var (indices, distances) = NeighborDescent.Search(cloud, neighbors - 1, seed, progress, cancellationToken);
        return WithSelf(new NeighborGraph(cloud.Rows, neighbors - 1, indices, distances));
    }

    /// <summary>The fraction of <paramref name="exact"/>'s neighbours that <paramref name="approximate"/> found (rows and k must agree).</summary>
    public static double Recall(NeighborGraph approximate, NeighborGraph exact)
    {
        ArgumentNullException.ThrowIfNull(approximate);
        ArgumentNullException.ThrowIfNull(exact);
        if (approximate.Rows != exact.Rows || approximate.Neighbors != exact.Neighbors)
        {
            throw new ArgumentException($"Recall compares graphs of the same shape, not {approximate.Rows} × {approximate.Neighbors} with {exact.Rows} × {exact.Neighbors}.");
        }

        long found = 0;
        for (int i = 0; i < exact.Rows; i++)
        {
            var truth = exact.IndicesOf(i);
            foreach (int j in approximate.IndicesOf(i))
            {
                if (truth.Contains(j))
                {
                    found++;
                }
            }
        }

        return (double)found / ((long)exact.Rows * exact.Neighbors);
    }

    /// <summary>
    /// The fraction of the true nearest other points of the sampled rows <paramref name="queries"/> that
    /// <paramref name="approximate"/> (a graph of <paramref name="points"/> with each point first, as
    /// <see cref="Compute"/> returns) lists: the point itself is not counted, and only the sampled rows are searched
    /// exactly, so that the recall of a large graph costs queries × rows distances instead of rows².
    /// </summary>
    public static double SampledRecall(NeighborGraph approximate, float[] points, int columns, ProjectionMetric metric, IReadOnlyList<int> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approximate);
        ArgumentNullException.ThrowIfNull(queries);
        var cloud = MetricPoints.Create(points, approximate.Rows, columns, metric);
        int others = approximate.Neighbors - 1;
        var rows = new int[queries.Count];
        for (int q = 0; q < rows.Length; q++)
        {
            rows[q] = queries[q];
            if (rows[q] < 0 || rows[q] >= cloud.Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(queries), $"Sampled row {rows[q]} is not one of the {cloud.Rows} rows.");
            }
        }

        var truth = ExactNeighborSearch.Search(cloud, cloud.Subset(rows), others + 1, skipSelf: false, null, cancellationToken);
        long found = 0;
        for (int q = 0; q < rows.Length; q++)
        {
            var listed = approximate.IndicesOf(rows[q]);
            int counted = 0;
            foreach (int j in truth.IndicesOf(q))
            {
                if (j == rows[q] || counted == others)
                {
                    continue;
                }

                counted++;
                if (listed.Contains(j))
                {
                    found++;
                }
            }
        }

        return (double)found / ((long)rows.Length * others);
    }

    private static void CheckNeighbors(int neighbors, int rows)
    {
        if (neighbors < 2 || neighbors > rows)
        {
            throw new ArgumentOutOfRangeException(nameof(neighbors), $"The number of neighbours (the point itself included) must be between 2 and the {rows} points, not {neighbors}.");
        }
    }

    private static NeighborGraph WithSelf(NeighborGraph others)
    {
        int k = others.Neighbors + 1;
        var indices = new int[others.Rows * k];
        var distances = new float[indices.Length];
        for (int i = 0; i < others.Rows; i++)
        {
            indices[i * k] = i;
            others.IndicesOf(i).CopyTo(indices.AsSpan((i * k) + 1));
            others.DistancesOf(i).CopyTo(distances.AsSpan((i * k) + 1));
        }

        return new NeighborGraph(others.Rows, k, indices, distances);
    }
}
