using ClipGeometry.Geometry;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Embedding.IO;

/// <summary>The input of <c>clipgeo ph</c>: a point cloud, a dense distance matrix or a sparse one, read from a file.</summary>
public sealed class PersistenceInput
{
    /// <summary>The file layouts <c>--format</c> accepts.</summary>
    public static readonly string[] Formats = ["point-cloud", "distance", "lower-distance", "upper-distance", "sparse"];

    private PersistenceInput(string format, PointCloud? cloud, DistanceMatrix? dense, SparseDistanceMatrix? sparse, (float Min, float Max)? valueRange = null)
    {
        Format = format;
        Cloud = cloud;
        Dense = dense;
        Sparse = sparse;
        ValueRange = valueRange;
    }

    /// <summary>
    /// For a dense matrix: the smallest and largest entries below the diagonal as written in the file, taken as
    /// Ripser takes them (the first smallest in row order, so a −0 written there prints as −0, although the matrix
    /// holds +0). Null for other layouts.
    /// </summary>
    public (float Min, float Max)? ValueRange { get; }

    private List<int> _lines = [];

    /// <summary>The line of the file that holds row (point) <paramref name="row"/>, 0-based; 0 when unknown.</summary>
    public int LineOf(int row) => row >= 0 && row < _lines.Count ? _lines[row] : 0;

    /// <summary>The layout read.</summary>
    public string Format { get; }

    /// <summary>The points, for <c>point-cloud</c>.</summary>
    public PointCloud? Cloud { get; }

    /// <summary>The matrix, for <c>distance</c>, <c>lower-distance</c>, <c>upper-distance</c>.</summary>
    public DistanceMatrix? Dense { get; }

    /// <summary>The matrix, for <c>sparse</c>.</summary>
    public SparseDistanceMatrix? Sparse { get; }

    /// <summary>Reads <paramref name="path"/> in layout <paramref name="format"/>.</summary>
    /// <exception cref="InputException">The file and line at fault, and why.</exception>
    public static PersistenceInput Read(string path, string format)
    {
        var rows = NumericRows.Read(path);
        try
        {
            var input = format switch
            {
                "point-cloud" => new PersistenceInput(format, ReadPointCloud(rows), null, null),
                "distance" => WithRange(format, ReadFull(rows), rows, full: true),
                "lower-distance" => WithRange(format, ReadLower(rows), rows, full: false),
                "upper-distance" => new PersistenceInput(format, null, ReadUpper(rows), null),
                "sparse" => new PersistenceInput(format, null, null, ReadTriples(rows)),
                _ => throw new ArgumentException($"The format '{format}' is not one of {string.Join(", ", Formats)}.", nameof(format)),
            };
            input._lines = rows.Lines;
            return input;
        }
        catch (DistanceMatrixException e)
        {
            throw rows.ErrorAt(e.Row, Lowercase(e.Message));
        }
    }

    private static PersistenceInput WithRange(string format, DistanceMatrix matrix, NumericRows rows, bool full)
    {
        // Ripser's std::min_element/max_element over the lower triangle in row order: the first extreme wins a tie.
        long entries = full ? DistanceMatrix.LowerTriangleLength(matrix.Count) : rows.Rows.Sum(static row => (long)row.Length);
        if (matrix.Count < 2 || entries != DistanceMatrix.LowerTriangleLength(matrix.Count))
        {
            return new PersistenceInput(format, null, matrix, null);
        }

        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int r = 0; r < rows.Rows.Count; r++)
        {
            var row = rows.Rows[r];
            int end = full ? r : row.Length;
            for (int c = 0; c < end; c++)
            {
                float value = (float)row[c];
                min = value < min ? value : min;
                max = value > max ? value : max;
            }
        }

        return new PersistenceInput(format, null, matrix, null, (min, max));
    }

    private static string Lowercase(string message) => message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : message;

    private static PointCloud ReadPointCloud(NumericRows rows)
    {
        int width = rows.Rows[0].Length;
        for (int i = 1; i < rows.Rows.Count; i++)
        {
            if (rows.Rows[i].Length != width)
            {
                throw rows.ErrorAt(i, $"the row has {rows.Rows[i].Length} coordinates but the first row has {width} (ragged rows).");
            }
        }

        var coordinates = new double[rows.Rows.Count * width];
        for (int i = 0; i < rows.Rows.Count; i++)
        {
            rows.Rows[i].CopyTo(coordinates, i * width);
        }

        return new PointCloud(coordinates, rows.Rows.Count, width);
    }

    private static DistanceMatrix ReadFull(NumericRows rows)
    {
        int n = rows.Rows.Count;
        var full = new double[(long)n * n];
        for (int i = 0; i < n; i++)
        {
            if (rows.Rows[i].Length != n)
            {
                throw rows.ErrorAt(i, $"a full distance matrix of {n} rows needs {n} values in every row, but this row has {rows.Rows[i].Length}.");
            }

            rows.Rows[i].CopyTo(full, i * n);
        }

        return DistanceMatrix.FromFull(full, n);
    }

    private static DistanceMatrix ReadLower(NumericRows rows)
    {
        // Rows of 1, 2, …, m values: d(i, 0..i−1) for i = 1..m, or with the zero diagonal d(i, 0..i) for i = 0..m−1.
        var r = rows.Rows;
        bool diagonal = r[0].Length == 1 && r[0][0] == 0 && r.TrueForAll(static row => row.Length > 0 && row[^1] == 0);
        if (!IsStaircase(r, diagonal) && FlatLower(rows) is { } flat)
        {
            // Ripser reads lower-distance input as one list of entries in any layout (random20.lower_distance_matrix
            // holds its 190 entries on one line): n(n − 1)/2 entries in row order d(1,0), d(2,0), d(2,1), ….
            return flat;
        }

        var all = new List<double[]>(r.Count + 1);
        if (!diagonal)
        {
            all.Add([]);
        }

        all.AddRange(r);
        try
        {
            return DistanceMatrix.FromLowerRows(all, diagonal);
        }
        catch (DistanceMatrixException e) when (!diagonal)
        {
            long entries = r.Sum(static row => (long)row.Length);
            throw new DistanceMatrixException(
                e.Row - 1,
                e.Column,
                e.Message.Replace($"Row {e.Row + 1}", $"Row {e.Row}", StringComparison.Ordinal)
                + $" Read as one list, its {entries} entries are not n(n − 1)/2 for any n either.");
        }
    }

    private static bool IsStaircase(List<double[]> rows, bool diagonal)
    {
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != i + 1)
            {
                return false;
            }
        }

        return rows.Count > 0 || !diagonal;
    }

    /// <summary>The entries of every row read as one list, when their count is n(n − 1)/2; otherwise null.</summary>
    private static DistanceMatrix? FlatLower(NumericRows rows)
    {
        long entries = rows.Rows.Sum(static row => (long)row.Length);
        int n = (int)Math.Round((1 + Math.Sqrt(1 + (8.0 * entries))) / 2);
        if (n < 2 || DistanceMatrix.LowerTriangleLength(n) != entries)
        {
            return null;
        }

        var lower = new double[entries];
        long k = 0;
        for (int r = 0; r < rows.Rows.Count; r++)
        {
            foreach (double value in rows.Rows[r])
            {
                if (!double.IsFinite(value) || value < 0)
                {
                    throw rows.ErrorAt(r, $"entry {k + 1} of the lower triangle is {NumericRows.Format(value)}; distances must be finite and non-negative.");
                }

                lower[k++] = value;
            }
        }

        return DistanceMatrix.FromLowerTriangle(lower, n);
    }

    private static DistanceMatrix ReadUpper(NumericRows rows)
    {
        // Rows of m, m−1, …, 1 values: d(i, i+1..n−1), or with the zero diagonal d(i, i..n−1).
        var r = rows.Rows;
        bool diagonal = r[^1].Length == 1 && r[^1][0] == 0 && r.TrueForAll(static row => row.Length > 0 && row[0] == 0);
        return DistanceMatrix.FromUpperRows(r, diagonal);
    }

    private static SparseDistanceMatrix ReadTriples(NumericRows rows)
    {
        var triples = new List<(int, int, double)>(rows.Rows.Count);
        int count = 0;
        for (int r = 0; r < rows.Rows.Count; r++)
        {
            var row = rows.Rows[r];
            if (row.Length != 3)
            {
                throw rows.ErrorAt(r, $"a sparse matrix has rows 'i j d', but this row has {row.Length} values.");
            }

            if (row[0] < 0 || row[1] < 0 || row[0] != Math.Floor(row[0]) || row[1] != Math.Floor(row[1]) || row[0] >= int.MaxValue || row[1] >= int.MaxValue)
            {
                throw rows.ErrorAt(r, $"the vertex indices {NumericRows.Format(row[0])} and {NumericRows.Format(row[1])} must be non-negative integers.");
            }

            int i = (int)row[0], j = (int)row[1];
            count = Math.Max(count, Math.Max(i, j) + 1);
            triples.Add((i, j, row[2]));
        }

        return SparseDistanceMatrix.FromTriples(triples, count);
    }
}
