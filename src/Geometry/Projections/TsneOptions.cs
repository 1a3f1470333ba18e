namespace ClipGeometry.Geometry.Projections;

/// <summary>Parameters of <see cref="Tsne.Fit"/>, with scikit-learn 1.2's defaults.</summary>
public sealed record TsneOptions
{
    /// <summary>The perplexity of each point's conditional distribution (its effective number of neighbours).</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>The metric of the input space; Euclidean distances are squared, as scikit-learn squares them.</summary>
    public ProjectionMetric Metric { get; init; } = ProjectionMetric.Euclidean;

    /// <summary>Gradient-descent iterations, the 250 of early exaggeration included.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>The factor on P during the first 250 iterations.</summary>
    public double EarlyExaggeration { get; init; } = 12;

    /// <summary>The learning rate; null chooses scikit-learn 1.2's 'auto': max(N / early exaggeration / 4, 50).</summary>
    public double? LearningRate { get; init; }

    /// <summary>The seed (t-SNE from a PCA start uses no randomness; kept for the record and for NN-descent).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Initial positions, rows × 2 row-major; null starts from the first two principal components scaled to standard deviation 10⁻⁴.</summary>
    public double[]? Initial { get; init; }
}
