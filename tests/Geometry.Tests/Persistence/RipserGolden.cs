using System.Globalization;
using System.Text.Json;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Tests.Persistence;

/// <summary>The golden cases of Golden/ph (made by make_golden.py with Debian's ripser 1.2.1) and how to read them.</summary>
internal static class RipserGolden
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Golden", "ph");

    public static IEnumerable<JsonElement> Cases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "cases.json")));
        foreach (var element in document.RootElement.EnumerateArray())
        {
            yield return element.Clone();
        }
    }

    public static JsonElement Case(string name) => Cases().First(c => c.GetProperty("name").GetString() == name);

    /// <summary>The intervals per dimension of a ripser text output.</summary>
    public static Dictionary<int, List<(double Birth, double Death)>> ReadOutput(string path)
    {
        var diagrams = new Dictionary<int, List<(double, double)>>();
        List<(double, double)>? current = null;
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith("persistence intervals in dim ", StringComparison.Ordinal))
            {
                int dim = int.Parse(line["persistence intervals in dim ".Length..^1], CultureInfo.InvariantCulture);
                diagrams[dim] = current = [];
            }
            else if (line.StartsWith(" [", StringComparison.Ordinal) && current is not null)
            {
                string body = line.Trim()[1..^1];
                int comma = body.IndexOf(',', StringComparison.Ordinal);
                double birth = double.Parse(body[..comma], CultureInfo.InvariantCulture);
                string deathText = body[(comma + 1)..].Trim();
                double death = deathText.Length == 0 ? double.PositiveInfinity : double.Parse(deathText, CultureInfo.InvariantCulture);
                current.Add((birth, death));
            }
        }

        return diagrams;
    }

    /// <summary>Rows of numbers of a text input (comma or whitespace separated).</summary>
    public static List<double[]> ReadRows(string path)
    {
        var rows = new List<double[]>();
        foreach (string line in File.ReadLines(path))
        {
            string[] parts = line.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0)
            {
                rows.Add(Array.ConvertAll(parts, p => double.Parse(p, CultureInfo.InvariantCulture)));
            }
        }

        return rows;
    }

    /// <summary>Computes the case's barcodes with the library, reading the input as clipgeo ph does.</summary>
    public static PersistenceResult Compute(JsonElement c)
    {
        string input = Path.Combine(Folder, c.GetProperty("input").GetString()!);
        var options = new PersistenceOptions
        {
            MaxDimension = c.GetProperty("dim").GetInt32(),
            Threshold = c.GetProperty("threshold").ValueKind == JsonValueKind.Null ? null : c.GetProperty("threshold").GetDouble(),
        };
        var rows = ReadRows(input);
        switch (c.GetProperty("format").GetString())
        {
            case "point-cloud":
                {
                    var metric = Enum.Parse<DistanceMetric>(c.GetProperty("metric").GetString()!, ignoreCase: true);
                    var cloud = new PointCloud(rows.SelectMany(r => r).ToArray(), rows.Count, rows[0].Length);
                    return VietorisRipsPersistence.Compute(cloud, metric, options);
                }

            case "distance":
                return VietorisRipsPersistence.Compute(DistanceMatrix.FromFull(rows.SelectMany(r => r).ToArray(), rows.Count), options);
            case "lower-distance":
                {
                    // Staircase rows, or (Ripser's random20 layout) all entries as one list.
                    bool staircase = rows.Select((r, i) => r.Length == i + 1).All(b => b);
                    var matrix = staircase
                        ? DistanceMatrix.FromLowerRows([[], .. rows], withDiagonal: false)
                        : DistanceMatrix.FromLowerTriangle(rows.SelectMany(r => r).ToArray(), PointsOfTriangle(rows.Sum(r => r.Length)));
                    return VietorisRipsPersistence.Compute(matrix, options);
                }
            case "sparse":
                {
                    var triples = rows.Select(r => ((int)r[0], (int)r[1], r[2])).ToList();
                    int n = triples.Max(t => Math.Max(t.Item1, t.Item2)) + 1;
                    return VietorisRipsPersistence.Compute(SparseDistanceMatrix.FromTriples(triples, n), options);
                }

            default:
                throw new InvalidDataException($"unknown format in case {c}");
        }
    }

    private static int PointsOfTriangle(int entries) => (int)Math.Round((1 + Math.Sqrt(1 + (8.0 * entries))) / 2);

    /// <summary>
    /// Asserts that two multisets of intervals agree within Ripser's printed precision: six significant digits of
    /// single-precision values, so half a unit of the sixth digit: a relative tolerance of 6e-6 (plus 1e-7 absolute near zero).
    /// </summary>
    public static void AssertSameIntervals(int dimension, IEnumerable<(double Birth, double Death)> expected, IEnumerable<PersistenceInterval> actual)
    {
        var e = expected.OrderBy(p => p.Birth).ThenBy(p => p.Death).ToList();
        var a = actual.Select(p => (p.Birth, p.Death)).OrderBy(p => p.Birth).ThenBy(p => p.Death).ToList();
        Assert.True(e.Count == a.Count, $"dimension {dimension}: ripser has {e.Count} intervals, clipgeo {a.Count}.");

        // Printed values that round alike may sort differently: match each expected interval to an unused close one.
        var used = new bool[a.Count];
        for (int i = 0; i < e.Count; i++)
        {
            int match = -1;
            for (int j = 0; j < a.Count && match < 0; j++)
            {
                if (!used[j] && Close(e[i].Birth, a[j].Birth) && Close(e[i].Death, a[j].Death))
                {
                    match = j;
                }
            }

            Assert.True(match >= 0, $"dimension {dimension}: ripser's interval [{e[i].Birth}, {e[i].Death}) has no counterpart in clipgeo's diagram.");
            used[match] = true;
        }
    }

    private static bool Close(double x, double y) =>
        x == y || (double.IsFinite(x) && double.IsFinite(y) && Math.Abs(x - y) <= (6e-6 * Math.Max(Math.Abs(x), Math.Abs(y))) + 1e-7);
}
