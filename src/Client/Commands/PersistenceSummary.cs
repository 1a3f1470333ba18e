using System.Globalization;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Client.Commands;

/// <summary>What <c>clipgeo ph</c> says on stderr after a run: per dimension the number of intervals and the longest bars.</summary>
internal static class PersistenceSummary
{
    private const int Longest = 3;

    /// <summary>One line per dimension: <c>clipgeo: dim 1: 706 intervals (0 infinite); longest [0.5,1.7) [0.4,1.6) [0.3,0.9)</c>.</summary>
    public static void Write(TextWriter error, PersistenceResult result)
    {
        foreach (var diagram in result.Diagrams)
        {
            var longest = diagram.Intervals.OrderByDescending(static p => p.Lifetime).ThenBy(static p => p.Birth).Take(Longest)
                .Select(static p => $"[{RipserTextWriter.FormatFloat(p.Birth)},{(p.IsEssential ? " " : RipserTextWriter.FormatFloat(p.Death))})");
            string bars = diagram.Intervals.Count == 0 ? string.Empty : "; longest " + string.Join(' ', longest);
            error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"clipgeo: dim {diagram.Dimension}: {diagram.Intervals.Count} intervals ({diagram.EssentialCount} infinite){bars}"));
        }
    }

    /// <summary>The result with only the intervals of persistence ≥ <paramref name="least"/> (infinite ones kept).</summary>
    public static PersistenceResult Filter(PersistenceResult result, double least)
    {
        var diagrams = result.Diagrams
            .Select(d => new PersistenceDiagram(d.Dimension, [.. d.Intervals.Where(p => p.Lifetime >= least)]))
            .ToList();
        return result with { Diagrams = diagrams };
    }
}
