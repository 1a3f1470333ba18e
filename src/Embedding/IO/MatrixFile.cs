using System.Globalization;

namespace ClipGeometry.Embedding.IO;

/// <summary>
/// Reads a numeric matrix from a 2-D <c>.npy</c> file (float32/float64) or from text: one row per line,
/// values separated by commas and/or whitespace, blank lines and <c>#</c> comments skipped, an optional
/// header row of non-numeric names (the parsing is <see cref="NumericRows"/>'s; this adds the rectangular shape).
/// </summary>
public static class MatrixFile
{
    /// <summary>Reads <paramref name="path"/> as a rectangular matrix.</summary>
    /// <exception cref="InputException">The file is missing, empty, ragged, or holds a value that is not a finite number.</exception>
    public static MatrixData Read(string path)
    {
        var rows = NumericRows.Read(path);
        int columns = rows.Rows[0].Length;
        var values = new double[rows.Rows.Count * columns];
        for (int i = 0; i < rows.Rows.Count; i++)
        {
            double[] row = rows.Rows[i];
            if (row.Length != columns)
            {
                throw rows.ErrorAt(i, $"the row has {row.Length} values but the first row has {columns} (ragged rows).");
            }

            row.CopyTo(values, i * columns);
        }

        return new MatrixData(values, rows.Rows.Count, columns, path);
    }

    /// <summary>The rows of a 2-D <c>.npy</c> file, every value finite.</summary>
    /// <exception cref="InputException">Not a valid 2-D .npy file, empty, or a value that is not finite.</exception>
    internal static List<double[]> ReadNpyRows(string path) => ReadNpy(path, allowNonFinite: false);

    private static List<double[]> ReadNpy(string path, bool allowNonFinite)
    {
        NpyArray array;
        try
        {
            array = NpyFile.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new InputException(e.Message, e);
        }

        if (array.Shape.Length != 2)
        {
            throw new InputException(path, 0, $"a 2-D array is needed, but the file holds shape ({string.Join(", ", array.Shape)}).");
        }

        if (array.Rows == 0 || array.Columns == 0)
        {
            throw new InputException(path, 0, "the array is empty.");
        }

        var rows = new List<double[]>(array.Rows);
        for (int i = 0; i < array.Rows; i++)
        {
            var row = array.Data.AsSpan(i * array.Columns, array.Columns).ToArray();
            if (!allowNonFinite)
            {
                for (int j = 0; j < row.Length; j++)
                {
                    if (!double.IsFinite(row[j]))
                    {
                        throw new InputException(path, 0, $"row {i + 1}, column {j + 1} is {row[j].ToString(CultureInfo.InvariantCulture)}; only finite values are allowed.");
                    }
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Parses a number the way the file formats write them: invariant culture, <c>inf</c>/<c>nan</c> in any case.</summary>
    public static bool TryParse(string text, out double value)
    {
        switch (text.ToUpperInvariant())
        {
            case "INF" or "+INF" or "INFINITY" or "+INFINITY":
                value = double.PositiveInfinity;
                return true;
            case "-INF" or "-INFINITY":
                value = double.NegativeInfinity;
                return true;
            case "NAN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
