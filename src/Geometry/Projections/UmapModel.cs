namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// A fitted UMAP: the layout of the training points and what <see cref="Transform"/> needs to place new points in
/// the same map (the prepared training points, the a/b curve, the options).
/// </summary>
public sealed class UmapModel
{
    private readonly MetricPoints _training;
    private readonly UmapOptions _options;

    internal UmapModel(MetricPoints training, UmapOptions options, int neighbors, int epochs, double a, double b, double[] embedding)
    {
        _training = training;
        _options = options;
        Neighbors = neighbors;
        Epochs = epochs;
        A = a;
        B = b;
        Embedding = embedding;
    }

    /// <summary>The number of training points.</summary>
    public int Rows => _training.Rows;

    /// <summary>The number of input columns the model was fitted on.</summary>
    public int Columns => _training.Columns;

    /// <summary>The dimension of the layout.</summary>
    public int Components => _options.Components;

    /// <summary>The layout of the training points, rows × components, row-major.</summary>
    public double[] Embedding { get; }

    /// <summary>The number of neighbours used (the requested number, truncated for clouds smaller than it).</summary>
    public int Neighbors { get; }

    /// <summary>The number of SGD epochs of the fit.</summary>
    public int Epochs { get; }

    /// <summary>The fitted a of 1 / (1 + a·d^(2b)).</summary>
    public double A { get; }

    /// <summary>The fitted b of 1 / (1 + a·d^(2b)).</summary>
    public double B { get; }

    /// <summary>
    /// Places new points (row-major float32, rows × columns, the fit's columns and metric) into this map, as
    /// umap-learn's transform: their k nearest training points with memberships calibrated without the local
    /// connectivity shift, a start at the membership-weighted mean of those points' positions, and SGD (100 epochs
    /// up to 10,000 new points, 30 beyond, or a third of the fit's explicit epochs, at a quarter of the rate) that
    /// moves only the new points. Returns rows × components, row-major.
    /// </summary>
    public double[] Transform(float[] points, int rows, int columns, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (columns != Columns)
        {
            throw new ArgumentException($"The new points have {columns} columns but the map was fitted on {Columns}.");
        }

        var queries = MetricPoints.Create(points, rows, columns, _options.Metric, "new points");
        int dimension = Components;
        var graph = NearestNeighbors.Query(_training, queries, Math.Min(Neighbors, Rows), progress, cancellationToken);
        var (rho, sigma) = FuzzySimplicialSet.Calibrate(graph, 0.0);
        int k = graph.Neighbors;
        var weights = new double[rows * k];
        double largest = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int s = 0; s < k; s++)
            {
                int e = (i * k) + s;
                weights[e] = FuzzySimplicialSet.Membership(-1, graph.Indices[e], graph.Distances[e], rho[i], sigma[i]);
                largest = Math.Max(largest, weights[e]);
            }
        }

        var layout = new double[rows * dimension];
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            for (int s = 0; s < k; s++)
            {
                sum += weights[(i * k) + s];
            }

            for (int s = 0; s < k; s++)
            {
                int e = (i * k) + s, t = graph.Indices[e];
                bool exact = Math.Abs(weights[e] - 1.0) <= 1e-8;
                for (int c = 0; c < dimension; c++)
                {
                    layout[(i * dimension) + c] = exact ? Embedding[(t * dimension) + c] : layout[(i * dimension) + c] + (weights[e] / sum * Embedding[(t * dimension) + c]);
                }

                if (exact)
                {
                    break;
                }
            }
        }

        int epochs = _options.Epochs > 0 ? Math.Max(1, _options.Epochs / 3) : rows <= 10_000 ? 100 : 30;
        var heads = new List<int>();
        var tails = new List<int>();
        var kept = new List<double>();
        for (int e = 0; e < weights.Length; e++)
        {
            if (weights[e] >= largest / epochs && weights[e] > 0)
            {
                heads.Add(e / k);
                tails.Add(graph.Indices[e]);
                kept.Add(weights[e]);
            }
        }

        var random = new ProjectionRandom(ProjectionRandom.Mix(_options.Seed ^ 0x7472616E73666F72UL));
        var tail = (double[])Embedding.Clone();
        UmapLayoutOptimizer.Optimize(layout, tail, Rows, dimension, [.. heads], [.. tails], [.. kept], epochs, A, B, 0.25, moveOther: false, random, progress, cancellationToken);
        return layout;
    }
}
