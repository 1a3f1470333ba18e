namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// Vietoris–Rips persistent homology over Z/2 up to a chosen dimension, computed as Ripser does (Bauer,
/// "Ripser: efficient computation of Vietoris–Rips persistence barcodes", J. Appl. Comput. Topology 2021):
/// cohomology with implicit coboundaries, clearing, apparent and emergent pairs, simplices indexed in the
/// combinatorial number system. The default threshold is the enclosing radius; a lower threshold (or a sparse
/// threshold graph) takes the sparse path. The results equal Ripser 1.2.1's (single-precision values).
/// </summary>
public static class VietorisRipsPersistence
{
    /// <summary>Below this edge density a dense matrix is reduced through its sparse threshold graph.</summary>
    private const double SparseDensity = 0.25;

    /// <summary>The barcodes of the Rips filtration of a dense distance matrix.</summary>
    /// <exception cref="ArgumentException">The matrix has no points or an option is out of range.</exception>
    /// <exception cref="MemoryBudgetException">The estimated memory exceeds the budget.</exception>
    /// <exception cref="OverflowException">Simplex indices would overflow 64 bits.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static PersistenceResult Compute(DistanceMatrix matrix, PersistenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options ??= new PersistenceOptions();
        options.Validate();
        int n = matrix.Count;
        if (n == 0)
        {
            throw new ArgumentException("The distance matrix has no points.", nameof(matrix));
        }

        float enclosingRadius = matrix.EnclosingRadius();
        float threshold = EffectiveThreshold(options.Threshold, enclosingRadius);
        float[] lower = matrix.LowerArray;
        var forwardDegree = new int[n];
        long edges = 0;
        for (int i = 1, k = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++, k++)
            {
                if (lower[k] <= threshold)
                {
                    forwardDegree[j]++;
                    edges++;
                }
            }
        }

        if (n > 64 && edges < SparseDensity * DistanceMatrix.LowerTriangleLength(n))
        {
            var sparse = SparseDistanceMatrix.FromDense(matrix, threshold);
            return Run(sparse, threshold, enclosingRadius, options);
        }

        var estimate = MemoryEstimate.FromForwardDegrees(forwardDegree, 4L * lower.Length, options.MaxDimension);
        estimate.EnsureWithin(options.MemoryBudgetBytes ?? PersistenceOptions.DefaultMemoryBudgetBytes, n, options.MaxDimension, threshold);
        var binomial = new BinomialTable(n, options.MaxDimension + 2);
        // The index of edge {i > j} is C(i, 2) + j, its place in the lower triangle.
        SimplexList edgeList;
        if (SimplexList.Compact(lower.Length))
        {
            var keys = new ulong[edges];
            for (int k = 0, e = 0; k < lower.Length; k++)
            {
                if (lower[k] <= threshold)
                {
                    keys[e++] = SimplexList.Key(lower[k], k);
                }
            }

            edgeList = SimplexList.FromKeys(keys);
        }
        else
        {
            var items = new DiameterIndex[edges];
            for (int k = 0, e = 0; k < lower.Length; k++)
            {
                if (lower[k] <= threshold)
                {
                    items[e++] = new DiameterIndex(lower[k], k);
                }
            }

            edgeList = SimplexList.FromItems(items);
        }

        if (options.CollectBetweenPhases)
        {
            PhaseBoundary.Collect(lower.Length * 4L);
        }
        var engine = new RipsCohomology<DenseCoboundaryEnumerator>(new DenseCoboundaryEnumerator(lower, n, binomial), binomial, threshold, options);
        return Result(engine.Run(edgeList), n, threshold, enclosingRadius, null);
    }

    /// <summary>The barcodes of the Rips filtration of a sparse distance matrix (absent pairs are never connected).</summary>
    public static PersistenceResult Compute(SparseDistanceMatrix matrix, PersistenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options ??= new PersistenceOptions();
        options.Validate();
        if (matrix.Count == 0)
        {
            throw new ArgumentException("The distance matrix has no points.", nameof(matrix));
        }

        float enclosingRadius = EnclosingRadius(matrix);
        float threshold = EffectiveThreshold(options.Threshold, enclosingRadius);
        return Run(matrix, threshold, enclosingRadius, options);
    }

    /// <summary>
    /// The barcodes of a point cloud under <paramref name="metric"/>, optionally on the first
    /// <paramref name="subsample"/> points of its greedy permutation (the result then records the cover radius, its
    /// metric and the bottleneck bound; see <see cref="GreedyPermutation.Select(PointCloud, DistanceMetric, int, int)"/>).
    /// With a threshold the dense matrix is never built.
    /// </summary>
    public static PersistenceResult Compute(PointCloud cloud, DistanceMetric metric, PersistenceOptions? options = null, int? subsample = null)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        options ??= new PersistenceOptions();
        options.Validate();
        if (cloud.Count == 0)
        {
            throw new ArgumentException("The point cloud has no points.", nameof(cloud));
        }

        GreedySubsample? greedy = null;
        if (subsample is { } m && m < cloud.Count)
        {
            options.Progress?.Report(new PersistenceProgress(0, "subsample", 0, m));
            greedy = GreedyPermutation.Select(cloud, metric, m, options.MaxDegreeOfParallelism);
            cloud = cloud.Subset(greedy.Indices);
        }

        options.Progress?.Report(new PersistenceProgress(0, "distances", 0, DistanceMatrix.LowerTriangleLength(cloud.Count)));
        PersistenceResult result;
        if (options.Threshold is { } t)
        {
            var sparse = SparseDistanceMatrix.FromPointCloud(cloud, metric, (float)t, options.MaxDegreeOfParallelism, options.CancellationToken);
            result = Compute(sparse, options);
        }
        else
        {
            result = Compute(DistanceMatrix.FromPointCloud(cloud, metric, options.MaxDegreeOfParallelism, options.CancellationToken), options);
        }

        return result.WithSubsample(greedy);
    }

    /// <summary>min_i max_j d(i, j) over the vertices adjacent to all others; +∞ when none is.</summary>
    public static float EnclosingRadius(SparseDistanceMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Count == 1)
        {
            return 0f;
        }

        float radius = float.PositiveInfinity;
        for (int i = 0; i < matrix.Count; i++)
        {
            if (matrix.NeighborsOf(i).Length == matrix.Count - 1)
            {
                float max = 0f;
                foreach (float d in matrix.DistancesOf(i))
                {
                    max = Math.Max(max, d);
                }

                radius = Math.Min(radius, max);
            }
        }

        return radius;
    }

    private static float EffectiveThreshold(double? requested, float enclosingRadius)
    {
        // Past the enclosing radius the complex is a cone: a larger threshold changes nothing (Ripser's outputs agree).
        float threshold = requested is { } t ? (float)t : float.PositiveInfinity;
        return Math.Min(threshold, enclosingRadius);
    }

    private static PersistenceResult Run(SparseDistanceMatrix matrix, float threshold, float enclosingRadius, PersistenceOptions options)
    {
        int n = matrix.Count;
        var forwardDegree = new int[n];
        long edges = 0;
        for (int i = 0; i < n; i++)
        {
            var ids = matrix.NeighborsOf(i);
            var ds = matrix.DistancesOf(i);
            for (int t = 0; t < ids.Length; t++)
            {
                if (ids[t] < i && ds[t] <= threshold)
                {
                    forwardDegree[ids[t]]++;
                    edges++;
                }
            }
        }

        var estimate = MemoryEstimate.FromForwardDegrees(forwardDegree, 8L * matrix.Neighbors.Length, options.MaxDimension);
        estimate.EnsureWithin(options.MemoryBudgetBytes ?? PersistenceOptions.DefaultMemoryBudgetBytes, n, options.MaxDimension, threshold);
        var binomial = new BinomialTable(n, options.MaxDimension + 2);
        bool compact = SimplexList.Compact(binomial[n, 2]);
        var keys = compact ? new ulong[edges] : null;
        var items = compact ? null : new DiameterIndex[edges];
        long e = 0;
        for (int i = 0; i < n; i++)
        {
            var ids = matrix.NeighborsOf(i);
            var ds = matrix.DistancesOf(i);
            long row = binomial[i, 2];
            for (int t = 0; t < ids.Length && ids[t] < i; t++)
            {
                if (ds[t] <= threshold)
                {
                    if (compact)
                    {
                        keys![e++] = SimplexList.Key(ds[t], row + ids[t]);
                    }
                    else
                    {
                        items![e++] = new DiameterIndex(ds[t], row + ids[t]);
                    }
                }
            }
        }

        var edgeList = compact ? SimplexList.FromKeys(keys!) : SimplexList.FromItems(items!);

        var engine = new RipsCohomology<SparseCoboundaryEnumerator>(new SparseCoboundaryEnumerator(matrix, binomial), binomial, threshold, options);
        return Result(engine.Run(edgeList), n, threshold, enclosingRadius, null);
    }

    private static PersistenceResult Result(List<PersistenceInterval>[] intervals, int n, float threshold, float enclosingRadius, double? cover)
    {
        var diagrams = new PersistenceDiagram[intervals.Length];
        for (int d = 0; d < intervals.Length; d++)
        {
            diagrams[d] = new PersistenceDiagram(d, intervals[d]);
        }

        return new PersistenceResult(diagrams, n, threshold, enclosingRadius, cover);
    }
}
