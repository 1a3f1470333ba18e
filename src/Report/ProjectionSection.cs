using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClipGeometry.Report;

/// <summary>
/// The interactive map: images coloured by category (captions in grey when the model has a text tower), every
/// level placed in the reference level's map. Points are drawn on a canvas by the page's script from inline
/// JSON; beyond <see cref="ReportOptions.MaxInteractivePoints"/> images a seeded sample is interactive and the
/// rest is drawn as density.
/// </summary>
internal static class ProjectionSection
{
    private const int DensityCells = 160;

    public static void Write(StringBuilder html, ResultsData data, ReportOptions options)
    {
        html.Append("<section id=\"projection\"><h2>The map of images and captions</h2>\n");
        var levels = data.Levels.Where(l => data.Projections.ContainsKey(l.Name)).ToList();
        if (levels.Count == 0)
        {
            html.Append("<p class=\"missing\">No projection could be drawn: ")
                .Append(HtmlText.Esc(data.ProjectionSource.Length > 0 ? data.ProjectionSource : "projections/ is absent and no embeddings could be projected"))
                .Append(".</p></section>\n");
            return;
        }

        var sampled = Sample(data, levels[0].Name, options, out int totalImages);
        bool anyCaptions = data.Projections.Values.Any(static p => p.Any(static q => q.IsCaption));
        var bounds = Bounds(data, levels);
        var json = new StringBuilder();
        json.Append("{\"cats\":").Append(JsonSerializer.Serialize(data.Categories));
        json.Append(",\"colours\":[").Append(string.Join(',', data.Categories.Select(c => HtmlText.ColourIndex(data, c).ToString(CultureInfo.InvariantCulture)))).Append(']');
        json.Append(",\"bounds\":[").Append(string.Join(',', new[] { bounds.X0, bounds.X1, bounds.Y0, bounds.Y1 }.Select(ResultsNumbers.Compact))).Append(']');
        json.Append(",\"levels\":[");
        for (int l = 0; l < levels.Count; l++)
        {
            if (l > 0)
            {
                json.Append(',');
            }

            AppendLevel(json, data, levels[l], sampled, bounds);
        }

        json.Append("],\"captions\":[");
        for (int c = 0; c < data.Categories.Count; c++)
        {
            json.Append(c > 0 ? ",[" : "[");
            var captions = data.Captions.GetValueOrDefault(data.Categories[c]) ?? [];
            for (int r = 0; r < captions.Length; r++)
            {
                json.Append(r > 0 ? "," : "").Append('"').Append(JsonEncodedText.Encode(string.Join('\n', captions[r])).ToString()).Append('"');
            }

            json.Append(']');
        }

        json.Append("],\"paths\":[");
        for (int c = 0; c < data.Categories.Count; c++)
        {
            var ids = data.Ids.GetValueOrDefault(data.Categories[c]) ?? [];
            json.Append(c > 0 ? ",[" : "[").Append(string.Join(',', ids.Select(static p => "\"" + JsonEncodedText.Encode(Path.GetFileName(p)).ToString() + "\""))).Append(']');
        }

        json.Append("],\"thumbs\":[");
        for (int c = 0; c < data.Categories.Count; c++)
        {
            var thumbs = data.Thumbnails.GetValueOrDefault(data.Categories[c]) ?? [];
            json.Append(c > 0 ? ",[" : "[");
            for (int r = 0; r < thumbs.Length; r++)
            {
                bool keep = thumbs[r] is not null && (sampled is null || sampled.Contains((c, r)));
                json.Append(r > 0 ? ",\"" : "\"").Append(keep ? Convert.ToBase64String(thumbs[r]!) : "").Append('"');
            }

            json.Append(']');
        }

        json.Append("]}");

        html.Append("<div class=\"mapbar\"><div class=\"levels\" role=\"group\" aria-label=\"level\">");
        for (int l = 0; l < levels.Count; l++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"level\" data-level=\"{l}\" aria-pressed=\"{(l == 0 ? "true" : "false")}\">{HtmlText.Esc(levels[l].Label)}</button>");
        }

        html.Append("</div>");
        if (anyCaptions)
        {
            html.Append("<label class=\"toggle\"><input type=\"checkbox\" id=\"show-captions\" checked> captions</label>");
        }

        html.Append("</div><div class=\"legend\" id=\"map-legend\" role=\"group\" aria-label=\"categories: click to hide or show\">");
        for (int c = 0; c < data.Categories.Count; c++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"key\" data-category=\"{c}\" aria-pressed=\"true\"><i class=\"sw b{HtmlText.ColourIndex(data, data.Categories[c])}\"></i>{HtmlText.Esc(data.Categories[c])}</button>");
        }

        if (anyCaptions)
        {
            html.Append("<span class=\"key\"><i class=\"sw caption\"></i>caption</span>");
        }

        html.Append("</div>");
        string canvas = "<div class=\"mapwrap\"><canvas id=\"map\" width=\"880\" height=\"620\" aria-label=\"map of images coloured by category\"></canvas>" +
                        "<div id=\"tooltip\" class=\"tooltip\" hidden><img alt=\"\"><div class=\"tt-cat\"></div><div class=\"tt-text\"></div></div></div>";
        var caption = new StringBuilder();
        caption.Append(CultureInfo.InvariantCulture, $"Images of the {levels[0].Label} level coloured by category");
        caption.Append(anyCaptions ? ", their captions in grey" : data.HasTextTower ? "" : " (the model has no text tower, so no captions are placed)");
        caption.Append("; axes are the projection's unitless coordinates, shared by all levels (other levels are placed into the same map, the reference positions left as faint ghosts to show the drift). ");
        caption.Append(CultureInfo.InvariantCulture, $"Projection {data.ProjectionSource}. ");
        if (sampled is not null)
        {
            caption.Append(CultureInfo.InvariantCulture, $"{sampled.Count:N0} of {totalImages:N0} images are drawn as points (a seeded random sample, seed {options.Seed}); the other {totalImages - sampled.Count:N0} as grey density. ");
        }

        caption.Append("Hover a point for its caption and picture; click a category to hide it.");
        HtmlText.Figure(html, "fig-projection", canvas, caption.ToString(), "fig map");
        html.Append("<script type=\"application/json\" id=\"projection-data\">").Append(json).Append("</script>\n</section>\n");
    }

    private static HashSet<(int, int)>? Sample(ResultsData data, string reference, ReportOptions options, out int total)
    {
        var images = data.Projections[reference].Where(static p => !p.IsCaption).Select(p => (data.Categories.IndexOf(p.Category), p.Row)).Where(static k => k.Item1 >= 0).ToList();
        total = images.Count;
        if (images.Count <= options.MaxInteractivePoints)
        {
            return null;
        }

        return images.OrderBy(k => Hash(options.Seed, k.Item1, k.Row)).Take(options.MaxInteractivePoints).ToHashSet();
    }

    private static ulong Hash(ulong seed, int category, int row)
    {
        ulong z = seed ^ ((ulong)(uint)category << 32) ^ (uint)row;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static (double X0, double X1, double Y0, double Y1) Bounds(ResultsData data, List<PerturbationLevel> levels)
    {
        double x0 = double.MaxValue, x1 = double.MinValue, y0 = double.MaxValue, y1 = double.MinValue;
        foreach (var level in levels)
        {
            foreach (var p in data.Projections[level.Name])
            {
                x0 = Math.Min(x0, p.X);
                x1 = Math.Max(x1, p.X);
                y0 = Math.Min(y0, p.Y);
                y1 = Math.Max(y1, p.Y);
            }
        }

        return x1 > x0 && y1 > y0 ? (x0, x1, y0, y1) : (x0 - 1, x0 + 1, y0 - 1, y0 + 1);
    }

    private static void AppendLevel(StringBuilder json, ResultsData data, PerturbationLevel level, HashSet<(int, int)>? sampled, (double X0, double X1, double Y0, double Y1) b)
    {
        var x = new StringBuilder();
        var y = new StringBuilder();
        var c = new StringBuilder();
        var r = new StringBuilder();
        var k = new StringBuilder();
        int[]? density = sampled is null ? null : new int[DensityCells * DensityCells];
        int shown = 0, images = 0;
        // Captions first, so that images are drawn over them.
        foreach (var p in data.Projections[level.Name].OrderBy(static p => p.IsCaption ? 0 : 1))
        {
            int category = data.Categories.IndexOf(p.Category);
            if (category < 0)
            {
                continue;
            }

            images += p.IsCaption ? 0 : 1;
            if (sampled is not null && !sampled.Contains((category, p.Row)))
            {
                if (!p.IsCaption)
                {
                    int cx = Math.Clamp((int)((p.X - b.X0) / (b.X1 - b.X0) * DensityCells), 0, DensityCells - 1);
                    int cy = Math.Clamp((int)((p.Y - b.Y0) / (b.Y1 - b.Y0) * DensityCells), 0, DensityCells - 1);
                    density![(cy * DensityCells) + cx]++;
                }

                continue;
            }

            string sep = shown++ > 0 ? "," : "";
            x.Append(sep).Append(ResultsNumbers.Compact(p.X));
            y.Append(sep).Append(ResultsNumbers.Compact(p.Y));
            c.Append(sep).Append(category.ToString(CultureInfo.InvariantCulture));
            r.Append(sep).Append(p.Row.ToString(CultureInfo.InvariantCulture));
            k.Append(sep).Append(p.Caption.ToString(CultureInfo.InvariantCulture));
        }

        json.Append("{\"name\":\"").Append(JsonEncodedText.Encode(level.Name)).Append("\",\"label\":\"").Append(JsonEncodedText.Encode(level.Label))
            .Append(CultureInfo.InvariantCulture, $"\",\"images\":{images},\"x\":[{x}],\"y\":[{y}],\"c\":[{c}],\"r\":[{r}],\"k\":[{k}]");
        if (density is not null)
        {
            json.Append(CultureInfo.InvariantCulture, $",\"density\":{{\"n\":{DensityCells},\"counts\":[{string.Join(',', density)}]}}");
        }

        json.Append('}');
    }
}
