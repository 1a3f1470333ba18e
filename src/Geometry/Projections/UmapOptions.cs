namespace ClipGeometry.Geometry.Projections;

/// <summary>Parameters of <see cref="Umap.Fit"/>, with umap-learn's defaults and names.</summary>
public sealed record UmapOptions
{
    /// <summary>k of the k-nearest-neighbour graph, the point itself included (umap-learn's n_neighbors).</summary>
    public int Neighbors { get; init; } = 15;

    /// <summary>The smallest distance between points in the layout (umap-learn's min_dist).</summary>
    public double MinDist { get; init; } = 0.1;

    /// <summary>The scale of the layout's distances (umap-learn's spread).</summary>
    public double Spread { get; init; } = 1.0;

    /// <summary>The metric of the input space.</summary>
    public ProjectionMetric Metric { get; init; } = ProjectionMetric.Cosine;

    /// <summary>SGD epochs; 0 chooses as umap-learn does: 500 up to 10,000 points, 200 beyond.</summary>
    public int Epochs { get; init; }

    /// <summary>The seed of every random choice (initial noise, negative samples, NN-descent).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>The dimension of the layout.</summary>
    public int Components { get; init; } = 2;
}
