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

    /// <summary>The id suffix of <paramref name="method"/>'s elements: none for UMAP (the first map), "-tsne" for t-SNE.</summary>
    public static string Suffix(string method) => method == "umap" ? "" : "-" + method;

    /// <summary>The method's name as readers say it.</summary>
    public static string Title(string method) => method switch
    {
        "umap" => "UMAP",
        "tsne" => "t-SNE",
        _ => method,
    };

    public static void Write(StringBuilder html, ResultsData data, ReportOptions options, string method)
    {
        string suffix = Suffix(method);
        var projections = data.ProjectionsOf(method);
        string source = data.ProjectionSources.GetValueOrDefault(method, "");
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"projection{suffix}\" class=\"mapsection\"><h2>The map of images and captions ({Title(method)})</h2>\n");
        var levels = data.Levels.Where(l => projections.ContainsKey(l.Name)).ToList();
        if (levels.Count == 0)
        {
            html.Append("<p class=\"missing\">No projection could be drawn: ")
                .Append(HtmlText.Esc(source.Length > 0 ? source : "projections/ is absent and no embeddings could be projected"))
                .Append(".</p></section>\n");
            return;
        }

        var sampled = Sample(projections, data, levels[0].Name, options, out int totalImages);
        bool anyCaptions = projections.Values.Any(static p => p.Any(static q => q.IsCaption));
        var bounds = Bounds(projections, levels);
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

            AppendLevel(json, data, projections[levels[l].Name], levels[l], sampled, bounds);
        }

        json.Append("],\"captions\":[");
        for (int c = 0; c < data.Categories.Count; c++)
        {
            json.Append(c > 0 ? ",[" : "[");
            var captions = data.Captions.GetValueOrDefault(data.Categories[c]) ?? [];
            for (int r = 0; r < captions.Length; r++)
            {
                // Only the interactive points' captions, paths and thumbnails are written, so the file grows with the sample, not the dataset.
                bool keep = sampled is null || sampled.Contains((c, r));
                json.Append(r > 0 ? "," : "").Append('"').Append(keep ? JsonEncodedText.Encode(string.Join('\n', captions[r])).ToString() : "").Append('"');
            }

            json.Append(']');
        }

        json.Append("],\"paths\":[");
        for (int c = 0; c < data.Categories.Count; c++)
        {
            var ids = data.Ids.GetValueOrDefault(data.Categories[c]) ?? [];
            int category = c;
            json.Append(c > 0 ? ",[" : "[")
                .Append(string.Join(',', ids.Select((p, r) => sampled is null || sampled.Contains((category, r)) ? "\"" + JsonEncodedText.Encode(Path.GetFileName(p)).ToString() + "\"" : "\"\""))).Append(']');
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
            html.Append(CultureInfo.InvariantCulture, $"<label class=\"toggle\"><input type=\"checkbox\" class=\"show-captions\" id=\"show-captions{suffix}\" checked> captions</label>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</div><div class=\"legend maplegend\" id=\"map-legend{suffix}\" role=\"group\" aria-label=\"categories: click to hide or show\">");
        for (int c = 0; c < data.Categories.Count; c++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"key\" data-category=\"{c}\" aria-pressed=\"true\"><i class=\"sw b{HtmlText.ColourIndex(data, data.Categories[c])}\"></i>{HtmlText.Esc(data.Categories[c])}</button>");
        }

        if (anyCaptions)
        {
            html.Append("<span class=\"key\"><i class=\"sw caption\"></i>caption</span>");
        }

        html.Append("</div>");
        string canvas = $"<div class=\"mapwrap\"><canvas id=\"map{suffix}\" class=\"map\" width=\"880\" height=\"620\" aria-label=\"{Title(method)} map of images coloured by category\"></canvas>" +
                        $"<div id=\"tooltip{suffix}\" class=\"tooltip\" hidden><img alt=\"\"><div class=\"tt-cat\"></div><div class=\"tt-text\"></div></div></div>";
        var caption = new StringBuilder();
        caption.Append(CultureInfo.InvariantCulture, $"{Title(method)} map: images of the {levels[0].Label} level coloured by category");
        caption.Append(anyCaptions ? ", their captions in grey" : data.HasTextTower ? "" : " (the model has no text tower, so no captions are placed)");
        caption.Append(method == "umap"
            ? "; axes are the projection's unitless coordinates, shared by all levels (other levels are placed into the same map, the reference positions left as faint ghosts to show the drift). "
            : "; axes are the projection's unitless coordinates (t-SNE has no transform: each other level is its own t-SNE started from the reference positions, which stay as faint ghosts to show the drift). ");
        caption.Append(CultureInfo.InvariantCulture, $"Projection {source}. ");
        if (sampled is not null)
        {
            caption.Append(CultureInfo.InvariantCulture, $"{sampled.Count:N0} of {totalImages:N0} images are drawn as points (a seeded random sample, seed {options.Seed}); the other {totalImages - sampled.Count:N0} as grey density. ");
        }

        caption.Append("Hover a point for its caption and picture; click a category to hide it.");
        HtmlText.Figure(html, "fig-projection" + suffix, canvas, caption.ToString(), "fig map");
        html.Append(CultureInfo.InvariantCulture, $"<script type=\"application/json\" class=\"projection-data\" id=\"projection-data{suffix}\" data-method=\"{method}\">").Append(json).Append("</script>\n</section>\n");
    }

    private static HashSet<(int, int)>? Sample(Dictionary<string, List<ProjectionPoint>> projections, ResultsData data, string reference, ReportOptions options, out int total)
    {
        var images = projections[reference].Where(static p => !p.IsCaption).Select(p => (data.Categories.IndexOf(p.Category), p.Row)).Where(static k => k.Item1 >= 0).ToList();
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

    private static (double X0, double X1, double Y0, double Y1) Bounds(Dictionary<string, List<ProjectionPoint>> projections, List<PerturbationLevel> levels)
    {
        double x0 = double.MaxValue, x1 = double.MinValue, y0 = double.MaxValue, y1 = double.MinValue;
        foreach (var level in levels)
        {
            foreach (var p in projections[level.Name])
            {
                x0 = Math.Min(x0, p.X);
                x1 = Math.Max(x1, p.X);
                y0 = Math.Min(y0, p.Y);
                y1 = Math.Max(y1, p.Y);
            }
        }

        return x1 > x0 && y1 > y0 ? (x0, x1, y0, y1) : (x0 - 1, x0 + 1, y0 - 1, y0 + 1);
    }

    private static void AppendLevel(StringBuilder json, ResultsData data, List<ProjectionPoint> points, PerturbationLevel level, HashSet<(int, int)>? sampled, (double X0, double X1, double Y0, double Y1) b)
    {
        var x = new StringBuilder();
        var y = new StringBuilder();
        var c = new StringBuilder();
        var r = new StringBuilder();
        var k = new StringBuilder();
        int[]? density = sampled is null ? null : new int[DensityCells * DensityCells];
        int shown = 0, images = 0;
        // Captions first, so that images are drawn over them.
        foreach (var p in points.OrderBy(static p => p.IsCaption ? 0 : 1))
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
