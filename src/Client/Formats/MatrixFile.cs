using System.Globalization;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Client.Formats;

/// <summary>
/// Reads a numeric matrix from a 2-D <c>.npy</c> file (float32/float64) or from text: one row per line,
/// values separated by commas and/or whitespace, blank lines and <c>#</c> comments skipped, an optional
/// header row of non-numeric names. Rows of a triangular matrix may be ragged when <c>allowRagged</c> is set.
/// </summary>
public static class MatrixFile
{
    /// <summary>Reads <paramref name="path"/> as a rectangular matrix.</summary>
    /// <exception cref="InputException">The file is missing, empty, ragged, or holds a value that is not a finite number.</exception>
    public static MatrixData Read(string path, bool allowNonFinite = false)
    {
        var rows = ReadRows(path, allowRagged: false, allowNonFinite);
        int columns = rows.Count == 0 ? 0 : rows[0].Length;
        var values = new double[rows.Count * columns];
        for (int i = 0; i < rows.Count; i++)
        {
            rows[i].CopyTo(values, i * columns);
        }

        return new MatrixData(values, rows.Count, columns, path);
    }

    /// <summary>Reads <paramref name="path"/> as a list of rows that may differ in length (triangular matrices, triples).</summary>
    public static List<double[]> ReadRows(string path, bool allowRagged, bool allowNonFinite = false)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "no such file.");
        }

        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            return ReadNpy(path, allowNonFinite);
        }

        var rows = new List<double[]>();
        int lineNumber = 0;
        int width = -1;
        var fields = new List<double>();
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            int hash = raw.IndexOf('#', StringComparison.Ordinal);
            string line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string[] parts = line.Split([',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries);
            fields.Clear();
            bool headerCandidate = rows.Count == 0 && width < 0;
            bool allText = true;
            foreach (string part in parts)
            {
                allText &= !LooksNumeric(part);
            }

            if (headerCandidate && allText)
            {
                width = parts.Length;
                continue;
            }

            for (int k = 0; k < parts.Length; k++)
            {
                if (!TryParse(parts[k], out double value))
                {
                    throw new InputException(path, lineNumber, $"column {k + 1} '{parts[k]}' is not a number.");
                }

                if (!allowNonFinite && !double.IsFinite(value))
                {
                    throw new InputException(path, lineNumber, $"column {k + 1} is {parts[k]}; only finite values are allowed.");
                }

                fields.Add(value);
            }

            if (!allowRagged)
            {
                if (width >= 0 && rows.Count == 0 && fields.Count != width)
                {
                    throw new InputException(path, lineNumber, $"the row has {fields.Count} values but the header names {width} columns.");
                }

                if (rows.Count > 0 && fields.Count != rows[0].Length)
                {
                    throw new InputException(path, lineNumber, $"the row has {fields.Count} values but the first row has {rows[0].Length} (ragged rows).");
                }
            }

            rows.Add([.. fields]);
        }

        if (rows.Count == 0)
        {
            throw new InputException(path, 0, "the file holds no data rows.");
        }

        return rows;
    }

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

    private static bool LooksNumeric(string text) => TryParse(text, out _);
}
