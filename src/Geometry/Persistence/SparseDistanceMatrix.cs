using System.Globalization;

namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// A sparse symmetric distance matrix: for every vertex the list of its neighbours (sorted by index) and the
/// distances to them. Pairs that are absent are farther apart than any filtration value of interest. This is the
/// complex of the threshold path: only edges ≤ the threshold are stored.
/// </summary>
public sealed class SparseDistanceMatrix
{
    private readonly int[] _offsets;
    private readonly int[] _neighbors;
    private readonly float[] _distances;

    private SparseDistanceMatrix(int count, int[] offsets, int[] neighbors, float[] distances)
    {
        Count = count;
        _offsets = offsets;
        _neighbors = neighbors;
        _distances = distances;
    }

    /// <summary>The number of vertices.</summary>
    public int Count { get; }

    /// <summary>The number of edges (unordered pairs).</summary>
    public long EdgeCount => _neighbors.Length / 2;

    internal int[] Offsets => _offsets;

    internal int[] Neighbors => _neighbors;

    internal float[] Distances => _distances;

    /// <summary>The neighbours of <paramref name="vertex"/>, ascending.</summary>
    public ReadOnlySpan<int> NeighborsOf(int vertex) => _neighbors.AsSpan(_offsets[vertex], _offsets[vertex + 1] - _offsets[vertex]);

    /// <summary>The distances to the neighbours of <paramref name="vertex"/>, in the order of <see cref="NeighborsOf"/>.</summary>
    public ReadOnlySpan<float> DistancesOf(int vertex) => _distances.AsSpan(_offsets[vertex], _offsets[vertex + 1] - _offsets[vertex]);

    /// <summary>d(i, j), zero when i = j, +∞ when the pair is not stored.</summary>
    public float this[int i, int j]
    {
        get
        {
            if (i == j)
            {
                return 0f;
            }

            int start = _offsets[i];
            int at = Array.BinarySearch(_neighbors, start, _offsets[i + 1] - start, j);
            return at >= 0 ? _distances[at] : float.PositiveInfinity;
        }
    }

    /// <summary>The pairs of <paramref name="matrix"/> at distance ≤ <paramref name="threshold"/>.</summary>
    public static SparseDistanceMatrix FromDense(DistanceMatrix matrix, float threshold)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Count;
        float[] lower = matrix.LowerArray;
        var degree = new int[n + 1];
        for (int i = 1, k = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++, k++)
            {
                if (lower[k] <= threshold)
                {
                    degree[i]++;
                    degree[j]++;
                }
            }
        }

        var (offsets, neighbors, distances) = Allocate(degree, n);
        var fill = offsets.AsSpan(0, n).ToArray();

        // Rows in ascending order give every neighbour list in ascending order.
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                float d = matrix[i, j];
                if (d <= threshold)
                {
                    neighbors[fill[i]] = j;
                    distances[fill[i]++] = d;
                }
            }
        }

        return new SparseDistanceMatrix(n, offsets, neighbors, distances);
    }

    /// <summary>
    /// The pairs of <paramref name="cloud"/> at distance ≤ <paramref name="threshold"/> under <paramref name="metric"/>,
    /// computed row by row in parallel without ever holding the dense matrix.
    /// </summary>
    public static SparseDistanceMatrix FromPointCloud(PointCloud cloud, DistanceMetric metric, float threshold, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        int n = cloud.Count;
        var kernel = new PairwiseDistance(cloud, metric);
        var rowsNeighbors = new int[n][];
        var rowsDistances = new float[n][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, n, options, () => (new List<int>(), new List<float>(), new float[n]), (i, _, buffers) =>
        {
            var (ids, ds, row) = buffers;
            ids.Clear();
            ds.Clear();
            kernel.FillRow(i, row);
            for (int j = 0; j < n; j++)
            {
                if (j != i)
                {
                    float d = row[j];
                    if (d <= threshold)
                    {
                        ids.Add(j);
                        ds.Add(d);
                    }
                }
            }

            rowsNeighbors[i] = [.. ids];
            rowsDistances[i] = [.. ds];
            return buffers;
        }, static _ => { });

        // Distances are computed twice (i, j) and (j, i) in floating point: make them agree exactly.
        var degree = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            degree[i] = rowsNeighbors[i].Length;
        }

        var (offsets, neighbors, distances) = Allocate(degree, n);
        for (int i = 0; i < n; i++)
        {
            rowsNeighbors[i].CopyTo(neighbors, offsets[i]);
            rowsDistances[i].CopyTo(distances, offsets[i]);
        }

        var matrix = new SparseDistanceMatrix(n, offsets, neighbors, distances);
        matrix.Symmetrize();
        return matrix;
    }

    /// <summary>
    /// Builds the matrix from triples (i, j, d) with 0-based vertex indices; each unordered pair may appear once
    /// or in both orders with the same distance. Vertices without any triple are isolated.
    /// </summary>
    /// <param name="rows">Vertex i, vertex j, distance of each triple.</param>
    /// <param name="count">The number of vertices; at least one more than the largest index.</param>
    /// <param name="threshold">Pairs farther than this are dropped.</param>
    /// <exception cref="DistanceMatrixException">The triple at fault (its position as <see cref="DistanceMatrixException.Row"/>).</exception>
    public static SparseDistanceMatrix FromTriples(IReadOnlyList<(int I, int J, double Distance)> rows, int count, float threshold = float.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pairs = new Dictionary<(int, int), (float D, int Row)>();
        for (int r = 0; r < rows.Count; r++)
        {
            var (i, j, d) = rows[r];
            if (i < 0 || j < 0 || i >= count || j >= count)
            {
                throw new DistanceMatrixException(r, -1, $"Triple {r + 1}: vertex indices must be between 0 and {count - 1}, not {i} and {j}.");
            }

            if (!double.IsFinite(d) || d < 0)
            {
                throw new DistanceMatrixException(r, -1, $"Triple {r + 1}: the distance {d.ToString("R", CultureInfo.InvariantCulture)} is not a finite non-negative number.");
            }

            if (i == j)
            {
                if (d != 0)
                {
                    throw new DistanceMatrixException(r, -1, $"Triple {r + 1}: a vertex has distance 0 to itself, not {d.ToString("R", CultureInfo.InvariantCulture)}.");
                }

                continue;
            }

            var key = (Math.Max(i, j), Math.Min(i, j));
            if (pairs.TryGetValue(key, out var previous))
            {
                if (previous.D != (float)d)
                {
                    throw new DistanceMatrixException(r, -1, $"Triple {r + 1}: the pair ({i}, {j}) already has distance {previous.D.ToString("R", CultureInfo.InvariantCulture)} (triple {previous.Row + 1}); the matrix must be symmetric.");
                }

                continue;
            }

            pairs.Add(key, (DistanceMatrix.Canonical((float)d), r));
        }

        var degree = new int[count + 1];
        foreach (var ((i, j), (d, _)) in pairs)
        {
            if (d <= threshold)
            {
                degree[i]++;
                degree[j]++;
            }
        }

        var (offsets, neighbors, distances) = Allocate(degree, count);
        var fill = offsets.AsSpan(0, count).ToArray();
        foreach (var ((i, j), (d, _)) in pairs)
        {
            if (d <= threshold)
            {
                neighbors[fill[i]] = j;
                distances[fill[i]++] = d;
                neighbors[fill[j]] = i;
                distances[fill[j]++] = d;
            }
        }

        var matrix = new SparseDistanceMatrix(count, offsets, neighbors, distances);
        matrix.SortNeighbors();
        return matrix;
    }

    /// <summary>The matrix restricted to <paramref name="indices"/>, in that order.</summary>
    public SparseDistanceMatrix Subset(ReadOnlySpan<int> indices)
    {
        var position = new int[Count];
        Array.Fill(position, -1);
        for (int k = 0; k < indices.Length; k++)
        {
            position[indices[k]] = k;
        }

        var triples = new List<(int, int, double)>();
        for (int k = 0; k < indices.Length; k++)
        {
            var ids = NeighborsOf(indices[k]);
            var ds = DistancesOf(indices[k]);
            for (int t = 0; t < ids.Length; t++)
            {
                int other = position[ids[t]];
                if (other >= 0 && other < k)
                {
                    triples.Add((k, other, ds[t]));
                }
            }
        }

        return FromTriples(triples, indices.Length);
    }

    /// <summary>The largest stored distance and the smallest, (+∞, −∞) when there are no edges.</summary>
    public (float Min, float Max) ValueRange()
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float d in _distances)
        {
            min = Math.Min(min, d);
            max = Math.Max(max, d);
        }

        return (min, max);
    }

    private static (int[] Offsets, int[] Neighbors, float[] Distances) Allocate(int[] degree, int n)
    {
        var offsets = new int[n + 1];
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            offsets[i] = (int)total;
            total += degree[i];
            if (total > Array.MaxLength)
            {
                throw new InsufficientMemoryException($"The sparse distance matrix would hold {total}+ entries, more than one array can; lower the threshold.");
            }
        }

        offsets[n] = (int)total;
        return (offsets, new int[total], new float[total]);
    }

    private void SortNeighbors()
    {
        for (int i = 0; i < Count; i++)
        {
            int start = _offsets[i];
            Array.Sort(_neighbors, _distances, start, _offsets[i + 1] - start);
        }
    }

    private void Symmetrize()
    {
        for (int i = 0; i < Count; i++)
        {
            for (int t = _offsets[i]; t < _offsets[i + 1]; t++)
            {
                int j = _neighbors[t];
                if (j < i)
                {
                    continue;
                }

                int start = _offsets[j];
                int at = Array.BinarySearch(_neighbors, start, _offsets[j + 1] - start, i);
                if (at >= 0)
                {
                    _distances[at] = _distances[t];
                }
            }
        }
    }
}
