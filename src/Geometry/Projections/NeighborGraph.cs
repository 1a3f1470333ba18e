namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// The k nearest neighbours of each of <see cref="Rows"/> points: row i holds indices and distances in ascending
/// order of distance (ties by index). In a graph of a cloud on itself, each row starts with the point itself at
/// distance 0, followed by its <see cref="Neighbors"/> − 1 nearest other points.
/// </summary>
public sealed class NeighborGraph
{
    /// <summary>A graph from row-major arrays of <paramref name="rows"/> × <paramref name="neighbors"/> entries.</summary>
    public NeighborGraph(int rows, int neighbors, int[] indices, float[] distances)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(neighbors);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(distances);
        if (indices.Length != (long)rows * neighbors || distances.Length != indices.Length)
        {
            throw new ArgumentException($"A neighbour graph of {rows} rows × {neighbors} neighbours needs {(long)rows * neighbors} indices and distances, not {indices.Length} and {distances.Length}.");
        }

        Rows = rows;
        Neighbors = neighbors;
        Indices = indices;
        Distances = distances;
    }

    /// <summary>The number of query points.</summary>
    public int Rows { get; }

    /// <summary>The number of neighbours per row.</summary>
    public int Neighbors { get; }

    /// <summary>Neighbour indices, rows × neighbours, row-major.</summary>
    public int[] Indices { get; }

    /// <summary>Distances under the graph's metric (Euclidean, or cosine distance 1 − cos), rows × neighbours.</summary>
    public float[] Distances { get; }

    /// <summary>The neighbour indices of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> IndicesOf(int row) => Indices.AsSpan(row * Neighbors, Neighbors);

    /// <summary>The neighbour distances of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> DistancesOf(int row) => Distances.AsSpan(row * Neighbors, Neighbors);
}
