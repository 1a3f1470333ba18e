using System.Globalization;
using System.Text;

namespace ClipGeometry.Report;

/// <summary>
/// <c>projections/{level}.csv</c> (UMAP, the default map) and <c>projections/{method}/{level}.csv</c> for the other
/// methods (<c>projections/tsne/{level}.csv</c>): <c>category,row,kind,x,y</c>, kind image or caption (a caption's row is <c>i.c</c>).
/// </summary>
public static class ProjectionFile
{
    /// <summary>The file of <paramref name="method"/>'s map of <paramref name="level"/>, relative to the results directory, with '/'.</summary>
    public static string RelativePath(string method, string level) =>
        method == "umap" ? $"projections/{level}.csv" : $"projections/{method}/{level}.csv";

    /// <summary>Reads every level's UMAP projection that exists into <paramref name="data"/>; malformed files become problems.</summary>
    public static void ReadAll(ResultsData data) => ReadAll(data, "umap");

    /// <summary>Reads every level's projection by <paramref name="method"/> that exists into <paramref name="data"/>; malformed files become problems.</summary>
    public static void ReadAll(ResultsData data, string method)
    {
        ArgumentNullException.ThrowIfNull(data);
        string dir = Path.GetDirectoryName(Path.Combine(data.Root, RelativePath(method, "x")))!;
        // projections/ holding only another method's folder has no UMAP files: nothing is missing then.
        if (!Directory.Exists(dir) || !Directory.EnumerateFiles(dir, "*.csv").Any())
        {
            return;
        }

        var projections = data.ProjectionsOf(method);
        foreach (var level in data.Levels)
        {
            string relative = RelativePath(method, level.Name);
            string path = Path.Combine(data.Root, relative);
            if (!File.Exists(path))
            {
                data.Problems.Add($"{relative} is missing: that level is not drawn in the {(method == "umap" ? "UMAP" : method)} map.");
                continue;
            }

            var problems = new List<string>();
            var table = CsvTable.Read(path, relative, ["category", "row", "kind", "x", "y"], problems);
            var points = new List<ProjectionPoint>(table.Rows.Count);
            int bad = 0;
            for (int i = 0; i < table.Rows.Count; i++)
            {
                if (TryParse(table, i, out var point))
                {
                    points.Add(point);
                }
                else
                {
                    bad++;
                }
            }

            if (bad > 0)
            {
                problems.Add($"{relative}: {bad} rows have a bad row, kind or coordinate and were left out.");
            }

            data.Problems.AddRange(problems);
            if (points.Count > 0)
            {
                projections[level.Name] = points;
            }
        }

        if (projections.Count > 0)
        {
            data.ProjectionSources[method] = method == "umap" ? "read from projections/" : $"read from projections/{method}/";
        }
    }

    private static bool TryParse(CsvTable table, int i, out ProjectionPoint point)
    {
        point = default;
        string kind = table.Get(i, "kind");
        string row = table.Get(i, "row");
        double x = table.Number(i, "x"), y = table.Number(i, "y");
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            return false;
        }

        int caption = -1;
        int dot = row.IndexOf('.', StringComparison.Ordinal);
        if (kind == "caption")
        {
            if (dot < 0 || !int.TryParse(row.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out caption))
            {
                return false;
            }

            row = row[..dot];
        }
        else if (kind != "image")
        {
            return false;
        }

        if (!int.TryParse(row, NumberStyles.None, CultureInfo.InvariantCulture, out int r))
        {
            return false;
        }

        point = new ProjectionPoint(table.Get(i, "category"), r, caption, x, y);
        return true;
    }

    /// <summary>Writes UMAP's <paramref name="points"/> to <c>projections/{level}.csv</c> under <paramref name="root"/> (temp then rename).</summary>
    public static void Write(string root, string level, IReadOnlyList<ProjectionPoint> points) => Write(root, "umap", level, points);

    /// <summary>Writes <paramref name="method"/>'s <paramref name="points"/> to <see cref="RelativePath"/> under <paramref name="root"/> (temp then rename).</summary>
    public static void Write(string root, string method, string level, IReadOnlyList<ProjectionPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        string path = Path.Combine(root, RelativePath(method, level));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder("category,row,kind,x,y\n");
        foreach (var p in points)
        {
            text.Append(p.Category).Append(',').Append(p.Row.ToString(CultureInfo.InvariantCulture));
            if (p.IsCaption)
            {
                text.Append('.').Append(p.Caption.ToString(CultureInfo.InvariantCulture)).Append(",caption,");
            }
            else
            {
                text.Append(",image,");
            }

            text.Append(p.X.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(p.Y.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        string temp = path + ".tmp";
        File.WriteAllText(temp, text.ToString(), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
