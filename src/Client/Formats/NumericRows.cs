using System.Globalization;
using ClipGeometry.Client.Cli;

namespace ClipGeometry.Client.Formats;

/// <summary>
/// Rows of numbers with the file line each came from, for inputs whose rows may differ in length (triangular
/// matrices, triples) and whose errors must name the line: text (comma/whitespace separated, <c>#</c> comments,
/// blank lines and one header row of names skipped) or a 2-D <c>.npy</c> (line = row number).
/// </summary>
public sealed class NumericRows
{
    private NumericRows(string path, List<double[]> rows, List<int> lines)
    {
        Path = path;
        Rows = rows;
        Lines = lines;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The rows, in file order.</summary>
    public List<double[]> Rows { get; }

    /// <summary>The 1-based file line of each row.</summary>
    public List<int> Lines { get; }

    /// <summary>The line of row <paramref name="row"/> (0-based), or 0 when out of range.</summary>
    public int LineOf(int row) => row >= 0 && row < Lines.Count ? Lines[row] : 0;

    /// <summary>Reads <paramref name="path"/>; every value must be a finite number.</summary>
    /// <exception cref="InputException">Missing or empty file, or a value that is not a finite number.</exception>
    public static NumericRows Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "no such file.");
        }

        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            var npyRows = MatrixFile.ReadRows(path, allowRagged: false);
            var numbers = new List<int>(npyRows.Count);
            for (int i = 0; i < npyRows.Count; i++)
            {
                numbers.Add(i + 1);
            }

            return new NumericRows(path, npyRows, numbers);
        }

        var rows = new List<double[]>();
        var lines = new List<int>();
        var fields = new List<double>();
        int lineNumber = 0;
        bool headerSeen = false;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            int hash = raw.IndexOf('#', StringComparison.Ordinal);
            string line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            fields.Clear();
            if (rows.Count == 0 && !headerSeen && IsHeader(line))
            {
                headerSeen = true;
                continue;
            }

            ParseFields(path, lineNumber, line, fields);
            rows.Add([.. fields]);
            lines.Add(lineNumber);
        }

        if (rows.Count == 0)
        {
            throw new InputException(path, 0, "the file holds no data rows.");
        }

        return new NumericRows(path, rows, lines);
    }

    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create(", \t;");

    private static bool IsHeader(string line)
    {
        foreach (var part in line.Split([',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (MatrixFile.TryParse(part, out _))
            {
                return false;
            }
        }

        return true;
    }

    private static void ParseFields(string path, int lineNumber, string line, List<double> fields)
    {
        ReadOnlySpan<char> rest = line;
        int column = 0;
        while (true)
        {
            int start = rest.IndexOfAnyExcept(Separators);
            if (start < 0)
            {
                return;
            }

            rest = rest[start..];
            int end = rest.IndexOfAny(Separators);
            var token = end < 0 ? rest : rest[..end];
            column++;
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                && !MatrixFile.TryParse(token.ToString(), out value))
            {
                throw new InputException(path, lineNumber, $"column {column} '{token}' is not a number.");
            }

            if (!double.IsFinite(value))
            {
                throw new InputException(path, lineNumber, $"column {column} is {token}; only finite values are allowed.");
            }

            fields.Add(value);
            if (end < 0)
            {
                return;
            }

            rest = rest[end..];
        }
    }

    /// <summary>An error at row <paramref name="row"/> (0-based) with the file and line.</summary>
    public InputException ErrorAt(int row, string reason) => new(Path, LineOf(row), reason);

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
