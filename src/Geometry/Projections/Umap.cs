namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// Uniform Manifold Approximation and Projection (McInnes, Healy &amp; Melville 2018), following umap-learn 0.5's
/// choices: k-nearest-neighbour graph (exact up to <see cref="NearestNeighbors.ExactLimit"/> points, NN-descent
/// beyond), smooth-kNN memberships and their fuzzy union, edges below max/epochs dropped, spectral initialisation
/// scaled to [0, 10], and SGD with negative sampling. Deterministic for a given seed: the neighbour search is
/// parallel but its result does not depend on the number of threads, and the SGD runs on one thread.
/// </summary>
public static class Umap
{
    /// <summary>Fits a map of the rows of <paramref name="points"/> (row-major float32, rows × columns).</summary>
    public static UmapModel Fit(float[] points, int rows, int columns, UmapOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        var cloud = MetricPoints.Create(points, rows, columns, options.Metric);
        int dimension = options.Components;
        var (a, b) = UmapCurve.Fit(options.MinDist, options.Spread);
        int epochs = options.Epochs > 0 ? options.Epochs : rows <= 10_000 ? 500 : 200;
        if (rows < 3)
        {
            return new UmapModel(cloud, options, Math.Max(1, rows - 1), epochs, a, b, new double[rows * dimension]);
        }

        int neighbors = Math.Min(options.Neighbors, rows - 1);
        var graph = NearestNeighbors.Build(cloud, neighbors, options.Seed, progress, cancellationToken);
        progress?.Report("fuzzy simplicial set");
        var fuzzy = FuzzySimplicialSet.Build(graph);
        double largest = fuzzy.Weights.Length == 0 ? 0 : fuzzy.Weights.Max();
        var pruned = fuzzy.Without(largest / epochs);

        progress?.Report("spectral initialisation");
        var random = new ProjectionRandom(options.Seed);
        var layout = SpectralLayout.Compute(pruned, cloud, dimension, random, cancellationToken);
        double extent = layout.Length == 0 ? 0 : layout.Max(Math.Abs);
        double expansion = extent > 0 ? 10.0 / extent : 1.0;
        for (int i = 0; i < layout.Length; i++)
        {
            layout[i] = (layout[i] * expansion) + (1e-4 * random.NextGaussian());
        }

        for (int c = 0; c < dimension; c++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < rows; i++)
            {
                min = Math.Min(min, layout[(i * dimension) + c]);
                max = Math.Max(max, layout[(i * dimension) + c]);
            }

            double width = max > min ? max - min : 1.0;
            for (int i = 0; i < rows; i++)
            {
                layout[(i * dimension) + c] = 10.0 * (layout[(i * dimension) + c] - min) / width;
            }
        }

        var heads = new int[pruned.Edges];
        for (int v = 0; v < rows; v++)
        {
            for (int e = pruned.RowStarts[v]; e < pruned.RowStarts[v + 1]; e++)
            {
                heads[e] = v;
            }
        }

        UmapLayoutOptimizer.Optimize(layout, layout, rows, dimension, heads, pruned.Columns, pruned.Weights, epochs, a, b, 1.0, moveOther: true, random, progress, cancellationToken);
        return new UmapModel(cloud, options, neighbors, epochs, a, b, layout);
    }

    private static void Check(UmapOptions options)
    {
        if (options.Neighbors < 2)
        {
            throw new ArgumentException($"UMAP needs at least 2 neighbours (the point itself included), not {options.Neighbors}.");
        }

        if (!(options.Spread > 0) || double.IsInfinity(options.Spread))
        {
            throw new ArgumentException($"UMAP's spread must be a positive number, not {options.Spread}.");
        }

        if (!(options.MinDist >= 0) || options.MinDist > options.Spread)
        {
            throw new ArgumentException($"UMAP's minimum distance must be between 0 and the spread ({options.Spread}), not {options.MinDist}.");
        }

        if (options.Components < 1)
        {
            throw new ArgumentException($"UMAP needs at least one component, not {options.Components}.");
        }

        if (options.Epochs < 0)
        {
            throw new ArgumentException($"UMAP's epochs must be 0 (automatic) or positive, not {options.Epochs}.");
        }
    }
}
