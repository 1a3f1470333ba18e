using System.Globalization;
using System.Text;

namespace ClipGeometry.Report;

/// <summary><c>projections/{level}.csv</c>: <c>category,row,kind,x,y</c>, kind image or caption (a caption's row is <c>i.c</c>).</summary>
public static class ProjectionFile
{
    /// <summary>Reads every level's projection that exists into <paramref name="data"/>; malformed files become problems.</summary>
    public static void ReadAll(ResultsData data)
    {
        string dir = Path.Combine(data.Root, "projections");
        if (!Directory.Exists(dir))
        {
            return;
        }

        foreach (var level in data.Levels)
        {
            string path = Path.Combine(dir, level.Name + ".csv");
            if (!File.Exists(path))
            {
                data.Problems.Add($"projections/{level.Name}.csv is missing: that level is not drawn in the map.");
                continue;
            }

            var problems = new List<string>();
            var table = CsvTable.Read(path, $"projections/{level.Name}.csv", ["category", "row", "kind", "x", "y"], problems);
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
                problems.Add($"projections/{level.Name}.csv: {bad} rows have a bad row, kind or coordinate and were left out.");
            }

            data.Problems.AddRange(problems);
            if (points.Count > 0)
            {
                data.Projections[level.Name] = points;
            }
        }

        if (data.Projections.Count > 0)
        {
            data.ProjectionSource = "read from projections/";
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

    /// <summary>Writes <paramref name="points"/> to <c>projections/{level}.csv</c> under <paramref name="root"/> (temp then rename).</summary>
    public static void Write(string root, string level, IReadOnlyList<ProjectionPoint> points)
    {
        string dir = Path.Combine(root, "projections");
        Directory.CreateDirectory(dir);
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

        string path = Path.Combine(dir, level + ".csv");
        string temp = path + ".tmp";
        File.WriteAllText(temp, text.ToString(), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
