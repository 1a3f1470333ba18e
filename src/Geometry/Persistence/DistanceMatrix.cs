using System.Globalization;
using System.Numerics.Tensors;

namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// A dense symmetric distance matrix stored as its compressed lower triangle: row i holds d(i, 0..i−1) at
/// offset i(i−1)/2. Values are single precision, Ripser's value type (Euclidean distances are computed in single
/// precision as Ripser computes them; cosine and angular ones in double, then rounded),
/// which halves the memory of the largest structure of a dense run.
/// </summary>
public sealed class DistanceMatrix
{
    private readonly float[] _lower;

    private DistanceMatrix(float[] lower, int count)
    {
        _lower = lower;
        Count = count;
    }

    /// <summary>The number of points.</summary>
    public int Count { get; }

    /// <summary>The compressed lower triangle, row by row.</summary>
    public ReadOnlySpan<float> LowerTriangle => _lower;

    internal float[] LowerArray => _lower;

    /// <summary>d(i, j); zero on the diagonal.</summary>
    public float this[int i, int j]
    {
        get
        {
            if (i == j)
            {
                return 0f;
            }

            return _lower[EdgeIndex.OfPair(i, j)];
        }
    }

    /// <summary>The number of entries of the compressed lower triangle of an n-point matrix.</summary>
    public static long LowerTriangleLength(int count) => EdgeIndex.RowStart(count);

    /// <summary>
    /// Builds the matrix from a compressed lower triangle (row i holds d(i, 0..i−1)) after validating it. The entries
    /// are copied (−0 becomes +0), so the caller keeps its array.
    /// </summary>
    /// <exception cref="DistanceMatrixException">An entry is negative, NaN or infinite, or the length is not n(n−1)/2.</exception>
    public static DistanceMatrix FromLowerTriangle(ReadOnlySpan<float> lower, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (LowerTriangleLength(count) != lower.Length)
        {
            throw new DistanceMatrixException($"A lower triangle of {count} points has {LowerTriangleLength(count)} entries, not {lower.Length}.");
        }

        var copy = new float[lower.Length];
        for (int i = 1, k = 0; i < count; i++)
        {
            for (int j = 0; j < i; j++, k++)
            {
                CheckEntry(lower[k], i, j);
                copy[k] = Canonical(lower[k]);
            }
        }

        return new DistanceMatrix(copy, count);
    }

    /// <summary>
    /// Builds the matrix from a compressed lower triangle of doubles, rounded to single precision (Ripser's value
    /// type); −0 becomes +0.
    /// </summary>
    /// <exception cref="DistanceMatrixException">An entry is negative, NaN or infinite, or the length is not n(n−1)/2.</exception>
    public static DistanceMatrix FromLowerTriangle(ReadOnlySpan<double> lower, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (LowerTriangleLength(count) != lower.Length)
        {
            throw new DistanceMatrixException($"A lower triangle of {count} points has {LowerTriangleLength(count)} entries, not {lower.Length}.");
        }

        var copy = new float[lower.Length];
        for (int i = 1, k = 0; i < count; i++)
        {
            for (int j = 0; j < i; j++, k++)
            {
                CheckEntry(lower[k], i, j);
                copy[k] = Canonical((float)lower[k]);
            }
        }

        return new DistanceMatrix(copy, count);
    }

    /// <summary>
    /// Builds the matrix from a full square matrix (row-major, <paramref name="count"/>²), refusing
    /// non-finite, negative or asymmetric entries and a non-zero diagonal.
    /// </summary>
    /// <param name="full">Row-major entries.</param>
    /// <param name="count">The number of rows and columns.</param>
    /// <param name="symmetryTolerance">Relative tolerance of the symmetry check (text files round their values).</param>
    /// <exception cref="DistanceMatrixException">The entry at fault, named by row and column.</exception>
    public static DistanceMatrix FromFull(ReadOnlySpan<double> full, int count, double symmetryTolerance = 1e-6)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)count * count != full.Length)
        {
            throw new DistanceMatrixException($"A full distance matrix of {count} points has {(long)count * count} entries, not {full.Length}.");
        }

        var lower = new float[LowerTriangleLength(count)];
        int k = 0;
        for (int i = 0; i < count; i++)
        {
            double diagonal = full[(i * count) + i];
            CheckEntry(diagonal, i, i);
            if (diagonal != 0)
            {
                throw new DistanceMatrixException(i, i, $"Row {i + 1}, column {i + 1}: the diagonal entry is {Format(diagonal)}, but a distance matrix has zeros on its diagonal.");
            }

            for (int j = 0; j < i; j++)
            {
                double below = full[(i * count) + j];
                double above = full[(j * count) + i];
                CheckEntry(below, i, j);
                CheckEntry(above, j, i);
                if (Math.Abs(below - above) > symmetryTolerance * Math.Max(Math.Abs(below), Math.Abs(above)))
                {
                    throw new DistanceMatrixException(
                        i, j, $"Row {i + 1}, column {j + 1}: the matrix is not symmetric (d({i + 1},{j + 1}) = {Format(below)} but d({j + 1},{i + 1}) = {Format(above)}).");
                }

                lower[k++] = Canonical((float)below);
            }
        }

        return new DistanceMatrix(lower, count);
    }

    /// <summary>
    /// Builds the matrix from its rows below the diagonal: <paramref name="rows"/>[i] holds d(i, 0..i−1), or
    /// d(i, 0..i) with a zero diagonal when <paramref name="withDiagonal"/> is set.
    /// </summary>
    public static DistanceMatrix FromLowerRows(IReadOnlyList<double[]> rows, bool withDiagonal)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int count = rows.Count;
        var lower = new float[LowerTriangleLength(count)];
        int k = 0;
        for (int i = 0; i < count; i++)
        {
            int expected = withDiagonal ? i + 1 : i;
            if (rows[i].Length != expected)
            {
                throw new DistanceMatrixException(i, -1, $"Row {i + 1} of a lower-triangular matrix should hold {expected} values, but it holds {rows[i].Length}.");
            }

            for (int j = 0; j < i; j++)
            {
                CheckEntry(rows[i][j], i, j);
                lower[k++] = Canonical((float)rows[i][j]);
            }

            if (withDiagonal && rows[i][i] != 0)
            {
                throw new DistanceMatrixException(i, i, $"Row {i + 1}, column {i + 1}: the diagonal entry is {Format(rows[i][i])}, but a distance matrix has zeros on its diagonal.");
            }
        }

        return new DistanceMatrix(lower, count);
    }

    /// <summary>
    /// Builds the matrix from its rows above the diagonal: <paramref name="rows"/>[i] holds d(i, i+1..n−1), or
    /// d(i, i..n−1) with a zero diagonal when <paramref name="withDiagonal"/> is set.
    /// </summary>
    public static DistanceMatrix FromUpperRows(IReadOnlyList<double[]> rows, bool withDiagonal)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int count = withDiagonal ? rows.Count : rows.Count + 1;
        var lower = new float[LowerTriangleLength(count)];
        for (int i = 0; i < rows.Count; i++)
        {
            int expected = withDiagonal ? count - i : count - 1 - i;
            if (rows[i].Length != expected)
            {
                throw new DistanceMatrixException(i, -1, $"Row {i + 1} of an upper-triangular matrix should hold {expected} values, but it holds {rows[i].Length}.");
            }

            int first = withDiagonal ? 1 : 0;
            if (withDiagonal && rows[i][0] != 0)
            {
                throw new DistanceMatrixException(i, i, $"Row {i + 1}, column {i + 1}: the diagonal entry is {Format(rows[i][0])}, but a distance matrix has zeros on its diagonal.");
            }

            for (int t = first; t < rows[i].Length; t++)
            {
                int j = i + 1 + (t - first);
                CheckEntry(rows[i][t], i, j);
                lower[EdgeIndex.Of(j, i)] = Canonical((float)rows[i][t]);
            }
        }

        return new DistanceMatrix(lower, count);
    }

    /// <summary>
    /// The distances between the points of <paramref name="cloud"/> under <paramref name="metric"/>, computed in
    /// vectorised kernels, rows in parallel: Euclidean in single precision exactly as Ripser, cosine and angular in double
    /// precision (see <see cref="PersistenceOptions"/> for the value type).
    /// </summary>
    /// <exception cref="ArgumentException">Cosine or angular distance of a zero vector.</exception>
    public static DistanceMatrix FromPointCloud(PointCloud cloud, DistanceMetric metric, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        int n = cloud.Count;
        var lower = new float[LowerTriangleLength(n)];
        var kernel = new PairwiseDistance(cloud, metric);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };

        // Row i costs i distances: hand out rows in blocks from both ends so the work is even.
        Parallel.For(0, (n + 1) / 2, options, r =>
        {
            FillRow(kernel, lower, r);
            int mirror = n - 1 - r;
            if (mirror != r)
            {
                FillRow(kernel, lower, mirror);
            }
        });
        return new DistanceMatrix(lower, n);
    }

    private static void FillRow(PairwiseDistance kernel, float[] lower, int i)
    {
        kernel.FillRow(i, lower.AsSpan((int)EdgeIndex.RowStart(i), i));
    }

    /// <summary>The smallest and largest off-diagonal entries (+∞ and −∞ when there are none).</summary>
    public (float Min, float Max) ValueRange()
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        if (_lower.Length > 0)
        {
            min = TensorPrimitives.Min<float>(_lower);
            max = TensorPrimitives.Max<float>(_lower);
        }

        return (min, max);
    }

    /// <summary>
    /// The enclosing radius min_i max_j d(i, j): beyond it the Rips complex is a cone, so no homology in
    /// positive dimension lives past it. Zero for one point.
    /// </summary>
    public float EnclosingRadius()
    {
        int n = Count;
        if (n <= 1)
        {
            return 0f;
        }

        var rowMax = new float[n];
        for (int i = 1; i < n; i++)
        {
            var row = _lower.AsSpan((int)EdgeIndex.RowStart(i), i);
            float m = TensorPrimitives.Max<float>(row);
            rowMax[i] = Math.Max(rowMax[i], m);
            for (int j = 0; j < i; j++)
            {
                if (row[j] > rowMax[j])
                {
                    rowMax[j] = row[j];
                }
            }
        }

        return TensorPrimitives.Min<float>(rowMax);
    }

    /// <summary>The number of off-diagonal pairs at distance ≤ <paramref name="threshold"/>.</summary>
    public long CountEdges(float threshold)
    {
        long count = 0;
        foreach (float d in _lower)
        {
            if (d <= threshold)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The matrix restricted to <paramref name="indices"/>, in that order.</summary>
    public DistanceMatrix Subset(ReadOnlySpan<int> indices)
    {
        int m = indices.Length;
        var lower = new float[LowerTriangleLength(m)];
        int k = 0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < i; j++)
            {
                lower[k++] = this[indices[i], indices[j]];
            }
        }

        return new DistanceMatrix(lower, m);
    }

    /// <summary>+0 for −0 (whose raw bits would sort it after every positive distance), the value otherwise.</summary>
    internal static float Canonical(float value) => value == 0f ? 0f : value;

    private static void CheckEntry(double value, int i, int j)
    {
        if (!double.IsFinite(value))
        {
            throw new DistanceMatrixException(i, j, $"Row {i + 1}, column {j + 1}: the distance is {Format(value)}; distances must be finite.");
        }

        if (value < 0)
        {
            throw new DistanceMatrixException(i, j, $"Row {i + 1}, column {j + 1}: the distance is negative ({Format(value)}).");
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
