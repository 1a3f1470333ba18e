using System.Globalization;
using System.Text;

namespace ClipGeometry.Report;

/// <summary>Diagram distance from the reference level against perturbation strength, per category and dimension, with bootstrap intervals, and the table.</summary>
internal static class WassersteinSection
{
    public static void Write(StringBuilder html, ResultsData data)
    {
        html.Append("<section id=\"wasserstein\"><h2>How far the topology moves</h2>\n");
        var table = data.Wasserstein;
        if (table is null || table.Rows.Count == 0)
        {
            html.Append("<p class=\"missing\">wasserstein.csv is missing or holds no rows: no distances to draw.</p></section>\n");
            return;
        }

        // One chart per (kind, order, ground) and dimension; the first kind in the file is drawn, all are tabled.
        var kinds = Enumerable.Range(0, table.Rows.Count)
            .Select(i => (Kind: table.Get(i, "kind"), Order: table.Get(i, "order"), Ground: table.Get(i, "ground"))).Distinct().ToList();
        var drawnKinds = kinds.Where(static k => k.Kind == "wasserstein").Take(1).Concat(kinds.Where(static k => k.Kind != "wasserstein").Take(2)).ToList();
        string levelKind = data.Levels.Count > 1 ? data.Levels[1].Kind : data.Reference?.Kind ?? "";
        bool numeric = data.Levels.All(static l => !double.IsNaN(l.Value));
        double XOf(string level)
        {
            int i = data.Levels.FindIndex(l => l.Name == level);
            return numeric && i >= 0 ? data.Levels[i].Value : i;
        }

        var xs = data.Levels.Select(l => XOf(l.Name)).ToList();
        var categories = data.Categories.Prepend("global").ToList();
        html.Append(HtmlText.Legend(categories.Select(c => (c, HtmlText.ColourIndex(data, c))))).Append("<div class=\"grid\">");
        foreach (var kind in drawnKinds)
        {
            var rows = Enumerable.Range(0, table.Rows.Count).Where(i => (table.Get(i, "kind"), table.Get(i, "order"), table.Get(i, "ground")) == kind).ToList();
            foreach (string dim in rows.Select(i => table.Get(i, "dim")).Distinct().Order(StringComparer.Ordinal))
            {
                var dimRows = rows.Where(i => table.Get(i, "dim") == dim).ToList();
                double top = dimRows.Select(i => Math.Max(table.Number(i, "ci_high"), Math.Max(table.Number(i, "distance"), table.Number(i, "null_mean"))))
                    .Where(double.IsFinite).DefaultIfEmpty(1).Max();
                var chart = new SvgChart(420, 280, (xs.Count > 0 ? xs.Min() : 0, xs.Count > 0 ? xs.Max() : 1), (0, top), numeric ? PerturbationLevel.AxisLabel(levelKind) : "level", Describe(kind) + " (filtration units)");
                if (!numeric)
                {
                    chart.XTicks = data.Levels.Select((l, i) => ((double)i, l.Name)).ToList();
                }

                foreach (string category in categories)
                {
                    var mine = dimRows.Where(i => table.Get(i, "category") == category).OrderBy(i => XOf(table.Get(i, "level_b"))).ToList();
                    if (mine.Count == 0)
                    {
                        continue;
                    }

                    int colour = HtmlText.ColourIndex(data, category);
                    string start = table.Get(mine[0], "level_a");
                    var line = new List<(double, double)> { (XOf(start), 0) };
                    line.AddRange(mine.Select(i => (XOf(table.Get(i, "level_b")), table.Number(i, "distance"))));
                    chart.Line(line, $"series s{colour}", category);
                    chart.Points(line.Skip(1), $"f{colour}", 0, 3, category);
                    foreach (int i in mine)
                    {
                        chart.ErrorBar(XOf(table.Get(i, "level_b")), table.Number(i, "ci_low"), table.Number(i, "ci_high"), $"err s{colour}");
                    }

                    var nulls = mine.Select(i => (XOf(table.Get(i, "level_b")), table.Number(i, "null_mean"))).Where(static p => double.IsFinite(p.Item2)).ToList();
                    if (nulls.Count > 0)
                    {
                        chart.Line(nulls, $"null s{colour}", category + ": null baseline (random halves)");
                    }
                }

                HtmlText.Figure(html, $"fig-wasserstein-{kind.Kind}-{dim}", chart.ToSvg($"{Describe(kind)} in H{dim} against level"),
                    $"H{dim}: {Describe(kind)} between each category's diagram at the reference level and at each level; bars are 95% bootstrap intervals, dashed lines the null baseline.");
            }
        }

        html.Append("</div>\n<details><summary>The table (wasserstein.csv)</summary>");
        HtmlText.Table(html, "data", ["category", "H", "from", "to", "kind", "p", "ground", "distance", "95% interval", "null mean"],
            Enumerable.Range(0, table.Rows.Count).Select(i => (IReadOnlyList<string>)
            [
                table.Get(i, "category"), table.Get(i, "dim"), table.Get(i, "level_a"), table.Get(i, "level_b"), table.Get(i, "kind"),
                table.Get(i, "order"), table.Get(i, "ground"), ResultsNumbers.Short(table.Number(i, "distance")),
                ResultsNumbers.Interval(table.Number(i, "distance"), table.Number(i, "ci_low"), table.Number(i, "ci_high")), ResultsNumbers.Short(table.Number(i, "null_mean")),
            ]));
        html.Append("</details></section>\n");
    }

    private static string Describe((string Kind, string Order, string Ground) k) => k.Kind switch
    {
        "wasserstein" => string.Create(CultureInfo.InvariantCulture, $"Wasserstein W{k.Order} (ground L{(k.Ground == "inf" ? "∞" : k.Ground)})"),
        "bottleneck" => "bottleneck distance",
        "wasserstein-1d" => "1-D Wasserstein of lifetimes",
        _ => k.Kind,
    };
}
