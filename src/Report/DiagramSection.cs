using System.Globalization;
using System.Text;
using ClipGeometry.Geometry.Diagrams;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Report;

/// <summary>Persistence diagrams per level for global and each category (H0, H1, … by colour and shape), and Betti curves.</summary>
internal static class DiagramSection
{
    private static readonly string[] DimensionNames = ["H0", "H1", "H2", "H3"];

    public static void Write(StringBuilder html, ResultsData data)
    {
        html.Append("<section id=\"diagrams\"><h2>Persistence diagrams and Betti curves</h2>\n");
        if (data.Diagrams.Count == 0)
        {
            html.Append("<p class=\"missing\">No persistence diagram could be read (diagrams/ is missing or every file is malformed).</p></section>\n");
            return;
        }

        string metric = data.Text("persistence.metric") ?? data.Text("spec.metric") ?? "the sweep's metric";
        string unit = $"radius ({metric})";
        double max = 0;
        foreach (var diagram in data.Diagrams.Values.SelectMany(static d => d))
        {
            foreach (var p in diagram.Intervals)
            {
                max = Math.Max(max, p.IsEssential ? p.Birth : p.Death);
            }
        }

        max = max > 0 ? max * 1.08 : 1;
        var categories = data.Categories.Prepend("global").ToList();
        html.Append("<p class=\"lede\">Each point is a homology class born at the radius on the x axis and dying at the radius on the y axis; ")
            .Append("points far from the diagonal are persistent features. Classes that never die are drawn on the dashed line marked ∞.</p>")
            .Append("<div class=\"keyrow\"><span class=\"key\"><i class=\"sw d0\"></i>H0 (components, circles)</span><span class=\"key\"><i class=\"sw d1\"></i>H1 (loops, triangles)</span><span class=\"key\"><i class=\"sw d2\"></i>H2 (voids, squares)</span></div>\n");
        foreach (var level in data.Levels)
        {
            html.Append("<h3>").Append(HtmlText.Esc(level.Label)).Append(" <small>(").Append(HtmlText.Esc(level.Name)).Append(")</small></h3><div class=\"grid small\">");
            foreach (string category in categories)
            {
                if (!data.Diagrams.TryGetValue((level.Name, category), out var diagrams))
                {
                    html.Append("<p class=\"missing cell\">").Append(HtmlText.Esc($"diagrams/{level.Name}/{category}.csv is missing or malformed.")).Append("</p>");
                    continue;
                }

                var chart = new SvgChart(186, 186, (0, max), (0, max), "birth (" + metric + ")", "death");
                chart.Line([(0, 0), (max, max)], "diag");
                double infinity = max / 1.04;
                chart.Line([(0, infinity), (max, infinity)], "inf");
                chart.Label(max * 0.02, infinity * 1.005, "∞");
                var counts = new List<string>();
                foreach (var diagram in diagrams.OrderBy(static d => d.Dimension))
                {
                    int d = Math.Min(diagram.Dimension, 2);
                    // Points closer than half a pixel coincide on screen: draw each once.
                    var seen = new HashSet<(int, int)>();
                    var drawn = new List<(double, double)>();
                    foreach (var p in diagram.Intervals)
                    {
                        double death = p.IsEssential ? infinity : p.Death;
                        if (seen.Add(((int)(chart.Px(p.Birth) * 2), (int)(chart.Py(death) * 2))))
                        {
                            drawn.Add((p.Birth, death));
                        }
                    }

                    chart.Points(drawn, "d" + d.ToString(CultureInfo.InvariantCulture), d, 2.6, $"{Name(diagram.Dimension)}: {diagram.Intervals.Count} intervals");
                    counts.Add($"{Name(diagram.Dimension)} {diagram.Intervals.Count}");
                }

                HtmlText.Figure(html, $"fig-diagram-{level.Name}-{category}", chart.ToSvg($"persistence diagram of {category} at {level.Name}"),
                    $"{category} at {level.Label}: {string.Join(", ", counts)} intervals; axes in {metric} distance.");
            }

            html.Append("</div>\n");
        }

        WriteBettiCurves(html, data, categories, max / 1.08, unit);
        html.Append("</section>\n");
    }

    private static void WriteBettiCurves(StringBuilder html, ResultsData data, List<string> categories, double max, string unit)
    {
        html.Append("<h3>Betti curves</h3><p class=\"lede\">β<sub>k</sub>(r): the number of k-dimensional classes alive at radius r, one line per level (")
            .Append(HtmlText.Esc(string.Join(", ", data.Levels.Select(static l => l.Label))))
            .Append(" from orange to blue).</p>");
        html.Append(LevelKey(data)).Append("<div class=\"grid small\">");
        double[] grid = BettiCurve.Grid(0, max, 120);
        foreach (int dimension in new[] { 0, 1 })
        {
            foreach (string category in categories)
            {
                var curves = new List<(int Level, int[] Values)>();
                for (int l = 0; l < data.Levels.Count; l++)
                {
                    // A dim,birth,death CSV has no rows for an empty dimension: β is then 0 throughout.
                    if (data.Diagrams.TryGetValue((data.Levels[l].Name, category), out var diagrams))
                    {
                        var diagram = diagrams.FirstOrDefault(d => d.Dimension == dimension) ?? PersistenceDiagram.Empty(dimension);
                        curves.Add((l, BettiCurve.Evaluate(diagram, grid)));
                    }
                }

                if (curves.Count == 0)
                {
                    continue;
                }

                double top = Math.Max(1, curves.Max(static c => c.Values.Max()));
                var chart = new SvgChart(186, 170, (0, max), (0, top), unit, $"β{dimension} (classes)");
                foreach (var (level, values) in curves)
                {
                    chart.Line(grid.Select((r, i) => (r, (double)values[i])), "curve l" + LevelColour(level, data.Levels.Count), data.Levels[level].Label);
                }

                HtmlText.Figure(html, $"fig-betti-{dimension}-{category}", chart.ToSvg($"Betti curve of dimension {dimension} for {category}"),
                    $"β{dimension} of {category} against radius, per level.");
            }
        }

        html.Append("</div>\n");
    }

    /// <summary>A colour step (0–6) from orange (first level) to blue (last), for the level ramp in CSS.</summary>
    public static int LevelColour(int level, int count) => count <= 1 ? 0 : (int)Math.Round(6.0 * level / (count - 1));

    /// <summary>A legend of the level colours.</summary>
    public static string LevelKey(ResultsData data)
    {
        var s = new StringBuilder("<div class=\"keyrow\">");
        for (int l = 0; l < data.Levels.Count; l++)
        {
            s.Append(CultureInfo.InvariantCulture, $"<span class=\"key\"><i class=\"sw lv{LevelColour(l, data.Levels.Count)}\"></i>{HtmlText.Esc(data.Levels[l].Label)}</span>");
        }

        return s.Append("</div>").ToString();
    }

    private static string Name(int dimension) => dimension < DimensionNames.Length ? DimensionNames[dimension] : "H" + dimension.ToString(CultureInfo.InvariantCulture);
}
