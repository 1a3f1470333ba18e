using System.Globalization;
using System.Text;

namespace ClipGeometry.Report;

/// <summary>Principal angles between category subspaces: a heatmap of the mean angle per level, and the table.</summary>
internal static class AnglesSection
{
    public static void Write(StringBuilder html, ResultsData data)
    {
        html.Append("<section id=\"angles\"><h2>How far apart the categories' subspaces are</h2>\n");
        var table = data.Angles;
        if (table is null || table.Rows.Count == 0)
        {
            html.Append("<p class=\"missing\">subspace_angles.csv is missing or holds no rows: no angles to draw.</p></section>\n");
            return;
        }

        string k = Enumerable.Range(0, table.Rows.Count).Select(i => table.Get(i, "k")).FirstOrDefault(static v => v == "all")
                   ?? table.Get(0, "k");
        var categories = Enumerable.Range(0, table.Rows.Count).SelectMany(i => new[] { table.Get(i, "category_a"), table.Get(i, "category_b") })
            .Distinct().OrderBy(c => data.Categories.IndexOf(c) is int x && x >= 0 ? x : int.MaxValue).ThenBy(static c => c, StringComparer.Ordinal).ToList();
        // One colour scale for all levels, spanning the angles observed, so that differences between pairs are visible.
        var observed = Enumerable.Range(0, table.Rows.Count).Where(i => table.Get(i, "k") == k).Select(i => table.Number(i, "mean_deg")).Where(double.IsFinite).ToList();
        double lo = observed.Count > 0 ? Math.Floor(observed.Min()) : 0, hi = observed.Count > 0 ? Math.Ceiling(observed.Max()) : 90;
        if (hi - lo < 1)
        {
            (lo, hi) = (Math.Max(0, lo - 1), Math.Min(90, hi + 1));
        }

        html.Append("<div class=\"grid\">");
        foreach (var level in data.Levels)
        {
            var cells = new Dictionary<(string, string), double>();
            for (int i = 0; i < table.Rows.Count; i++)
            {
                if (table.Get(i, "level") == level.Name && table.Get(i, "k") == k)
                {
                    double v = table.Number(i, "mean_deg");
                    cells[(table.Get(i, "category_a"), table.Get(i, "category_b"))] = v;
                    cells[(table.Get(i, "category_b"), table.Get(i, "category_a"))] = v;
                }
            }

            if (cells.Count == 0)
            {
                continue;
            }

            HtmlText.Figure(html, $"fig-angles-{level.Name}", Heatmap(categories, cells, level.Label, lo, hi),
                $"Mean principal angle (degrees; 0 = same subspace, 90 = orthogonal) between category subspaces at {level.Label}, k = {k}; colours span {lo:F0}–{hi:F0}° for all levels.");
        }

        html.Append("</div>\n<details><summary>The table (subspace_angles.csv)</summary>");
        HtmlText.Table(html, "data", ["level", "category a", "category b", "k", "largest °", "mean °", "smallest °", "Grassmann (rad)", "95% interval of mean °", "null mean °"],
            Enumerable.Range(0, table.Rows.Count).Select(i => (IReadOnlyList<string>)
            [
                table.Get(i, "level"), table.Get(i, "category_a"), table.Get(i, "category_b"), table.Get(i, "k"),
                ResultsNumbers.Short(table.Number(i, "largest_deg")), ResultsNumbers.Short(table.Number(i, "mean_deg")), ResultsNumbers.Short(table.Number(i, "smallest_deg")),
                ResultsNumbers.Short(table.Number(i, "grassmann")),
                ResultsNumbers.Interval(table.Number(i, "mean_deg"), table.Number(i, "ci_low"), table.Number(i, "ci_high")), ResultsNumbers.Short(table.Number(i, "null_mean")),
            ]));
        html.Append("</details></section>\n");
    }

    private static string Heatmap(List<string> categories, Dictionary<(string, string), double> cells, string level, double lo, double hi)
    {
        const double cell = 46, left = 74, top = 18;
        int n = categories.Count;
        double size = left + (n * cell) + 70, height = top + (n * cell) + 70;
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart heat\" viewBox=\"0 0 {SvgChart.F(size)} {SvgChart.F(height)}\" width=\"{SvgChart.F(size)}\" height=\"{SvgChart.F(height)}\" role=\"img\" aria-label=\"subspace angles at {HtmlText.Esc(level)}\">");
        for (int a = 0; a < n; a++)
        {
            s.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{SvgChart.F(left - 5)}\" y=\"{SvgChart.F(top + (a * cell) + (cell / 2) + 4)}\" text-anchor=\"end\">{HtmlText.Esc(categories[a])}</text>");
            s.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" transform=\"translate({SvgChart.F(left + (a * cell) + (cell / 2) + 4)} {SvgChart.F(top + (n * cell) + 6)}) rotate(-40)\" text-anchor=\"end\">{HtmlText.Esc(categories[a])}</text>");
            for (int b = 0; b < n; b++)
            {
                double x = left + (b * cell), y = top + (a * cell);
                if (a == b || !cells.TryGetValue((categories[a], categories[b]), out double v) || !double.IsFinite(v))
                {
                    s.Append(CultureInfo.InvariantCulture, $"<rect class=\"empty\" x=\"{SvgChart.F(x)}\" y=\"{SvgChart.F(y)}\" width=\"{cell - 1}\" height=\"{cell - 1}\"/>");
                    continue;
                }

                double t = Math.Clamp((v - lo) / (hi - lo), 0, 1);
                s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{SvgChart.F(x)}\" y=\"{SvgChart.F(y)}\" width=\"{cell - 1}\" height=\"{cell - 1}\" fill=\"{Ramp(t)}\"><title>{HtmlText.Esc(categories[a])} – {HtmlText.Esc(categories[b])}: {ResultsNumbers.Short(v)}°</title></rect>");
                s.Append(CultureInfo.InvariantCulture, $"<text x=\"{SvgChart.F(x + (cell / 2))}\" y=\"{SvgChart.F(y + (cell / 2) + 4)}\" text-anchor=\"middle\" class=\"cellv\" fill=\"{(t > 0.55 ? "#fff" : "#111")}\">{v.ToString("F1", CultureInfo.InvariantCulture)}</text>");
            }
        }

        // Colour bar 0–90°.
        double barY = top + (n * cell) + 52;
        for (int i = 0; i < 30; i++)
        {
            s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{SvgChart.F(left + (i * n * cell / 30))}\" y=\"{SvgChart.F(barY)}\" width=\"{SvgChart.F((n * cell / 30) + 0.5)}\" height=\"8\" fill=\"{Ramp(i / 29.0)}\"/>");
        }

        s.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{SvgChart.F(left)}\" y=\"{SvgChart.F(barY - 3)}\">{lo:F0}°</text><text class=\"tick\" x=\"{SvgChart.F(left + (n * cell))}\" y=\"{SvgChart.F(barY - 3)}\" text-anchor=\"end\">{hi:F0}°</text>");
        s.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{SvgChart.F(left + (n * cell / 2))}\" y=\"{SvgChart.F(barY - 3)}\" text-anchor=\"middle\">mean angle (degrees)</text>");
        return s.Append("</svg>").ToString();
    }

    /// <summary>A sequential colour (light yellow → dark blue, as cividis: readable by colour-blind readers) for t in [0, 1].</summary>
    public static string Ramp(double t)
    {
        (double R, double G, double B)[] stops = [(255, 234, 70), (124, 123, 120), (0, 32, 77)];
        double u = Math.Clamp(t, 0, 1) * (stops.Length - 1);
        int i = Math.Min((int)u, stops.Length - 2);
        double f = u - i;
        int r = (int)Math.Round(stops[i].R + ((stops[i + 1].R - stops[i].R) * f));
        int g = (int)Math.Round(stops[i].G + ((stops[i + 1].G - stops[i].G) * f));
        int b = (int)Math.Round(stops[i].B + ((stops[i + 1].B - stops[i].B) * f));
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }
}
