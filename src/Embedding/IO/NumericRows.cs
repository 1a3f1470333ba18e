using System.Globalization;
using System.Text;

namespace ClipGeometry.Embedding.IO;

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
        InputFile.Require(path);

        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            var npyRows = MatrixFile.ReadNpyRows(path);
            var numbers = new List<int>(npyRows.Count);
            for (int i = 0; i < npyRows.Count; i++)
            {
                numbers.Add(i + 1);
            }

            return new NumericRows(path, npyRows, numbers);
        }

        return ReadText(path, File.ReadAllBytes(path));
    }

    /// <summary>
    /// Parses UTF-8 text: lines are found first, then parsed in parallel blocks (large embedding files have
    /// hundreds of thousands of numbers); the error reported is the one on the earliest line.
    /// </summary>
    private static NumericRows ReadText(string path, byte[] bytes)
    {
        int offset = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var starts = new List<int>();
        var ends = new List<int>();
        for (int at = offset; at < bytes.Length;)
        {
            int newline = bytes.AsSpan(at).IndexOf((byte)'\n');
            int end = newline < 0 ? bytes.Length : at + newline;
            starts.Add(at);
            ends.Add(end);
            at = end + 1;
        }

        // Content of each line: before '#', trimmed; empty lines are skipped. A first line of names is a header.
        int lineCount = starts.Count;
        for (int k = 0; k < lineCount; k++)
        {
            var content = Content(bytes, starts[k], ends[k]);
            starts[k] = content.Start;
            ends[k] = content.End;
        }

        int first = 0;
        while (first < lineCount && starts[first] == ends[first])
        {
            first++;
        }

        if (first < lineCount && IsHeader(Encoding.UTF8.GetString(bytes, starts[first], ends[first] - starts[first])))
        {
            ends[first] = starts[first];
        }

        var parsed = new double[]?[lineCount];
        const int Block = 256;
        int blocks = (lineCount + Block - 1) / Block;
        var errors = new InputException?[blocks];
        Parallel.For(0, blocks, () => new List<double>(), (block, _, fields) =>
        {
            int end = Math.Min(lineCount, (block + 1) * Block);
            for (int k = block * Block; k < end; k++)
            {
                if (starts[k] == ends[k])
                {
                    continue;
                }

                fields.Clear();
                try
                {
                    ParseFields(path, k + 1, bytes.AsSpan(starts[k], ends[k] - starts[k]), fields);
                }
                catch (InputException e)
                {
                    errors[block] = e;
                    break;
                }

                parsed[k] = [.. fields];
            }

            return fields;
        }, static _ => { });

        foreach (var error in errors)
        {
            if (error is not null)
            {
                throw error;
            }
        }

        var rows = new List<double[]>();
        var lines = new List<int>();
        for (int k = 0; k < lineCount; k++)
        {
            if (parsed[k] is { } row)
            {
                rows.Add(row);
                lines.Add(k + 1);
            }
        }

        if (rows.Count == 0)
        {
            throw new InputException(path, 0, "the file holds no data rows.");
        }

        return new NumericRows(path, rows, lines);
    }

    private static (int Start, int End) Content(byte[] bytes, int start, int end)
    {
        int hash = bytes.AsSpan(start, end - start).IndexOf((byte)'#');
        if (hash >= 0)
        {
            end = start + hash;
        }

        while (start < end && IsSpace(bytes[start]))
        {
            start++;
        }

        while (end > start && IsSpace(bytes[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    private static readonly System.Buffers.SearchValues<byte> Separators = System.Buffers.SearchValues.Create(", \t;\r"u8);

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

    private static void ParseFields(string path, int lineNumber, ReadOnlySpan<byte> line, List<double> fields)
    {
        ReadOnlySpan<byte> rest = line;
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
                && !MatrixFile.TryParse(Encoding.UTF8.GetString(token), out value))
            {
                throw new InputException(path, lineNumber, $"column {column} '{Encoding.UTF8.GetString(token)}' is not a number.");
            }

            if (!double.IsFinite(value))
            {
                throw new InputException(path, lineNumber, $"column {column} is {Encoding.UTF8.GetString(token)}; only finite values are allowed.");
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
