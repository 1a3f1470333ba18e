using System.Globalization;
using System.Text.Json;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Embedding.IO;

/// <summary>
/// Reads persistence diagrams from the three layouts clipgeo meets: the JSON of <c>clipgeo ph --json</c>
/// (<c>"format": "clipgeo.persistence/1"</c>, death <c>null</c> = infinite), Ripser's text output
/// (<c>persistence intervals in dim k:</c> then <c> [b,d)</c> or <c> [b, )</c> lines), and CSV rows
/// <c>birth,death</c> or <c>dim,birth,death</c> with <c>inf</c> for an infinite death and an optional header row
/// (an empty file is an empty diagram, as numpy.savetxt writes one). GUDHI's essential points (−inf, d), (−inf, −inf),
/// (−inf, inf) and (inf, inf) are accepted besides (b, inf).
/// Every fault is reported with the file and line.
/// </summary>
public static class DiagramFile
{
    /// <summary>The JSON format tag written by <c>clipgeo ph --json</c>.</summary>
    public const string JsonFormat = "clipgeo.persistence/1";

    /// <summary>
    /// Reads the diagram of dimension <paramref name="dimension"/>; without one, the file must hold a single
    /// dimension (a two-column CSV, or a Ripser/JSON file with one dimension).
    /// </summary>
    /// <exception cref="InputException">The file is missing or malformed, or lacks the dimension.</exception>
    /// <exception cref="AmbiguousDimensionException">No dimension was given and the file holds several.</exception>
    public static PersistenceDiagram Read(string path, int? dimension)
    {
        var diagrams = ReadAll(path, out bool dimensionless, out bool dimensionCsv);
        if (dimensionless)
        {
            // A birth,death CSV carries no dimension: it is whatever the caller says.
            return new PersistenceDiagram(dimension ?? 0, diagrams[0].Intervals);
        }

        if (dimension is int d)
        {
            foreach (var diagram in diagrams)
            {
                if (diagram.Dimension == d)
                {
                    return diagram;
                }
            }

            if (dimensionCsv || (diagrams.Count > 0 && d <= diagrams.Max(static x => x.Dimension)))
            {
                // Ripser and the JSON list every dimension computed, but a dim,birth,death CSV cannot write an empty
                // dimension: no rows of dimension d (an empty H1 of the sweep's diagrams/, say) is the empty diagram.
                return PersistenceDiagram.Empty(d);
            }

            throw new InputException(path, 0, $"the file holds no diagram of dimension {d} (it has {Dimensions(diagrams)}).");
        }

        if (diagrams.Count == 1)
        {
            return diagrams[0];
        }

        throw new AmbiguousDimensionException(path, diagrams.Select(static x => x.Dimension).ToArray());
    }

    /// <summary>Reads every diagram in the file, in dimension order.</summary>
    public static IReadOnlyList<PersistenceDiagram> ReadAll(string path) => ReadAll(path, out _, out _);

    private static List<PersistenceDiagram> ReadAll(string path, out bool dimensionless, out bool dimensionCsv)
    {
        InputFile.Require(path);

        string text = File.ReadAllText(path);
        string start = text.TrimStart();
        dimensionless = false;
        dimensionCsv = false;
        if (start.StartsWith('{'))
        {
            return ReadJson(path, text);
        }

        if (text.Contains("persistence intervals in dim", StringComparison.Ordinal))
        {
            return ReadRipser(path, text);
        }

        var csv = ReadCsv(path, text, out dimensionless);
        dimensionCsv = !dimensionless;
        return csv;
    }

    private static string Dimensions(List<PersistenceDiagram> diagrams) =>
        diagrams.Count == 0 ? "none" : string.Join(", ", diagrams.Select(static d => d.Dimension.ToString(CultureInfo.InvariantCulture)));

    private static List<PersistenceDiagram> ReadJson(string path, string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InputException(path, (int)(e.LineNumber ?? -1) + 1, $"not valid JSON ({e.Message.Split(" Path:")[0].TrimEnd('.')}).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != JsonFormat)
            {
                throw new InputException(path, 0, $"a JSON diagram file needs \"format\": \"{JsonFormat}\" (the output of clipgeo ph --json).");
            }

            if (!root.TryGetProperty("diagrams", out var diagrams) || diagrams.ValueKind != JsonValueKind.Array)
            {
                throw new InputException(path, 0, "the JSON has no \"diagrams\" array.");
            }

            var result = new List<PersistenceDiagram>();
            int index = 0;
            foreach (var entry in diagrams.EnumerateArray())
            {
                string where = $"diagrams[{index}]";
                if (entry.ValueKind != JsonValueKind.Object
                    || !entry.TryGetProperty("dimension", out var dim) || dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt32(out int dimension) || dimension < 0)
                {
                    throw new InputException(path, 0, $"{where} needs a non-negative integer \"dimension\".");
                }

                if (!entry.TryGetProperty("intervals", out var intervals) || intervals.ValueKind != JsonValueKind.Array)
                {
                    throw new InputException(path, 0, $"{where} (dimension {dimension}) has no \"intervals\" array.");
                }

                var list = new List<PersistenceInterval>(intervals.GetArrayLength());
                int k = 0;
                foreach (var pair in intervals.EnumerateArray())
                {
                    string at = $"{where}.intervals[{k}]";
                    if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[0].ValueKind != JsonValueKind.Number
                        || (pair[1].ValueKind != JsonValueKind.Number && pair[1].ValueKind != JsonValueKind.Null))
                    {
                        throw new InputException(path, 0, $"{at} must be [birth, death] with numbers (death null for an essential class).");
                    }

                    double birth = pair[0].GetDouble();
                    double death = pair[1].ValueKind == JsonValueKind.Null ? double.PositiveInfinity : pair[1].GetDouble();
                    list.Add(Check(path, 0, at, birth, death));
                    k++;
                }

                result.Add(new PersistenceDiagram(dimension, list));
                index++;
            }

            return result;
        }
    }

    private static List<PersistenceDiagram> ReadRipser(string path, string text)
    {
        var byDimension = new SortedDictionary<int, List<PersistenceInterval>>();
        List<PersistenceInterval>? current = null;
        int lineNumber = 0;
        foreach (string raw in text.Split('\n'))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            const string Header = "persistence intervals in dim ";
            if (line.StartsWith(Header, StringComparison.Ordinal))
            {
                string rest = line[Header.Length..].TrimEnd(':');
                if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out int dimension))
                {
                    throw new InputException(path, lineNumber, $"'{line}' does not name a dimension.");
                }

                if (!byDimension.TryGetValue(dimension, out current))
                {
                    current = [];
                    byDimension.Add(dimension, current);
                }

                continue;
            }

            if (current is null)
            {
                continue; // Ripser's preamble ("value range", "distance matrix with ...").
            }

            if (!line.StartsWith('[') || !line.EndsWith(')'))
            {
                throw new InputException(path, lineNumber, $"'{line}' is not an interval '[birth,death)' or '[birth, )'.");
            }

            string[] parts = line[1..^1].Split(',');
            if (parts.Length != 2)
            {
                throw new InputException(path, lineNumber, $"'{line}' is not an interval '[birth,death)' or '[birth, )'.");
            }

            double birth = Number(path, lineNumber, parts[0].Trim(), "birth");
            string deathText = parts[1].Trim();
            double death = deathText.Length == 0 ? double.PositiveInfinity : Number(path, lineNumber, deathText, "death");
            current.Add(Check(path, lineNumber, null, birth, death));
        }

        return [.. byDimension.Select(static kv => new PersistenceDiagram(kv.Key, kv.Value))];
    }

    private static List<PersistenceDiagram> ReadCsv(string path, string text, out bool dimensionless)
    {
        var byDimension = new SortedDictionary<int, List<PersistenceInterval>>();
        int width = -1;
        int lineNumber = 0;
        bool sawData = false;
        foreach (string raw in text.Split('\n'))
        {
            lineNumber++;
            int hash = raw.IndexOf('#', StringComparison.Ordinal);
            string line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string[] parts = line.Split([',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries);
            if (!sawData && width < 0 && parts.All(static p => !MatrixFile.TryParse(p, out _)))
            {
                if (parts.Length is not (2 or 3))
                {
                    throw new InputException(path, lineNumber, $"the header names {parts.Length} columns; a diagram CSV has birth,death or dim,birth,death.");
                }

                width = parts.Length;
                continue;
            }

            if (parts.Length is not (2 or 3))
            {
                throw new InputException(path, lineNumber, $"the row has {parts.Length} values; a diagram CSV has birth,death or dim,birth,death.");
            }

            if (width < 0)
            {
                width = parts.Length;
            }
            else if (parts.Length != width)
            {
                throw new InputException(path, lineNumber, $"the row has {parts.Length} values but earlier rows have {width}.");
            }

            sawData = true;
            int dimension = 0;
            if (width == 3)
            {
                double d = Number(path, lineNumber, parts[0], "dim");
                if (d < 0 || d != Math.Floor(d) || d > int.MaxValue)
                {
                    throw new InputException(path, lineNumber, $"dim '{parts[0]}' is not a non-negative integer.");
                }

                dimension = (int)d;
            }

            double birth = Number(path, lineNumber, parts[width - 2], "birth");
            double death = Number(path, lineNumber, parts[width - 1], "death");
            if (!byDimension.TryGetValue(dimension, out var list))
            {
                list = [];
                byDimension.Add(dimension, list);
            }

            list.Add(Check(path, lineNumber, null, birth, death));
        }

        // An empty file (what numpy.savetxt writes for an empty array; GUDHI takes an empty array) or a header
        // with no rows: an empty diagram of whatever dimension is asked for.
        dimensionless = width is 2 or < 0 || byDimension.Count == 0;
        if (byDimension.Count == 0)
        {
            byDimension.Add(0, []);
        }

        return [.. byDimension.Select(static kv => new PersistenceDiagram(kv.Key, kv.Value))];
    }

    private static double Number(string path, int line, string text, string what)
    {
        if (!MatrixFile.TryParse(text, out double value))
        {
            throw new InputException(path, line, $"{what} '{text}' is not a number.");
        }

        return value;
    }

    private static PersistenceInterval Check(string path, int line, string? where, double birth, double death)
    {
        // GUDHI's essential points are accepted: (b, inf), (-inf, d), (-inf, inf), and the diagonal points
        // (-inf, -inf) and (inf, inf).
        string prefix = where is null ? string.Empty : where + ": ";
        if (double.IsNaN(birth))
        {
            throw new InputException(path, line, $"{prefix}birth {Format(birth)} must be a number, -inf or inf.");
        }

        if (double.IsNaN(death))
        {
            throw new InputException(path, line, $"{prefix}death {Format(death)} must be a number, -inf or inf.");
        }

        if (death < birth)
        {
            throw new InputException(path, line, $"{prefix}death {Format(death)} comes before birth {Format(birth)}.");
        }

        return new PersistenceInterval(birth, death);
    }

    /// <summary>Formats a double the way clipgeo writes numbers: invariant, round-trip, <c>inf</c> for infinity.</summary>
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(value) => "nan",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
