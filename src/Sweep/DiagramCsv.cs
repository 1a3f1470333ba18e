using System.Globalization;
using System.Text;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Sweep;

/// <summary>Diagrams as the results directory writes them: CSV <c>dim,birth,death</c>, round-trip numbers, <c>inf</c> for essential classes.</summary>
public static class DiagramCsv
{
    /// <summary>The CSV text of the diagrams of <paramref name="dims"/> (in that order).</summary>
    public static string Format(IReadOnlyList<PersistenceDiagram> diagrams, IReadOnlyList<int> dims)
    {
        ArgumentNullException.ThrowIfNull(diagrams);
        ArgumentNullException.ThrowIfNull(dims);
        var text = new StringBuilder("dim,birth,death\n");
        foreach (int dim in dims.Order())
        {
            if (dim >= diagrams.Count)
            {
                continue;
            }

            foreach (var interval in diagrams[dim].Intervals)
            {
                text.Append(dim.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(DiagramFile.Format(interval.Birth)).Append(',')
                    .Append(DiagramFile.Format(interval.Death)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Reads CSV written by <see cref="Format"/>: diagram per dimension 0..<paramref name="maxDimension"/> (empty where absent).</summary>
    public static IReadOnlyList<PersistenceDiagram> Parse(string text, int maxDimension)
    {
        ArgumentNullException.ThrowIfNull(text);
        var intervals = new List<PersistenceInterval>[maxDimension + 1];
        for (int d = 0; d <= maxDimension; d++)
        {
            intervals[d] = [];
        }

        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var parts = line.Split(',');
            int dim = int.Parse(parts[0], CultureInfo.InvariantCulture);
            if (dim <= maxDimension)
            {
                intervals[dim].Add(new PersistenceInterval(Number(parts[1]), Number(parts[2])));
            }
        }

        return intervals.Select((list, d) => new PersistenceDiagram(d, list)).ToArray();
    }

    private static double Number(string text) => text switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
