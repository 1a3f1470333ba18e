using ClipGeometry.Embedding.Datasets;

namespace ClipGeometry.Report;

/// <summary>A CSV file with a header row, read by column name; rows whose field count differs are reported, not kept.</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(IReadOnlyList<string> header, List<IReadOnlyList<string>> rows)
    {
        Header = header;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            _columns.TryAdd(header[i].Trim(), i);
        }
    }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data rows (header excluded).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Whether the table has <paramref name="column"/>.</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The field of <paramref name="row"/> in <paramref name="column"/>, or "" when the column is absent.</summary>
    public string Get(int row, string column) => _columns.TryGetValue(column, out int i) ? Rows[row][i] : "";

    /// <summary>The field parsed as a double (<c>inf</c> allowed), or NaN when blank or not a number.</summary>
    public double Number(int row, string column) => ResultsNumbers.Parse(Get(row, column));

    /// <summary>Reads <paramref name="path"/>; problems (bad rows, missing columns) are added to <paramref name="problems"/>.</summary>
    public static CsvTable Read(string path, string shownName, IReadOnlyList<string> requiredColumns, ICollection<string> problems)
    {
        var issues = new List<DatasetIssue>();
        var records = CsvRecordReader.Parse(File.ReadAllText(path), shownName, issues);
        foreach (var issue in issues.Take(3))
        {
            problems.Add(issue + ".");
        }

        if (records.Count == 0)
        {
            problems.Add($"{shownName}: the file is empty (no header row).");
            return new CsvTable([], []);
        }

        var header = records[0].Fields;
        var missing = requiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{shownName}: the header lacks the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}.");
        }

        var rows = new List<IReadOnlyList<string>>();
        int bad = 0;
        int firstBad = 0;
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count == header.Count)
            {
                rows.Add(record.Fields);
            }
            else if (bad++ == 0)
            {
                firstBad = record.Line;
            }
        }

        if (bad > 0)
        {
            problems.Add($"{shownName}, line {firstBad}: {bad} row{(bad > 1 ? "s have" : " has")} a different number of fields than the header ({header.Count}) and {(bad > 1 ? "were" : "was")} left out.");
        }

        return new CsvTable(header, rows);
    }
}
