using System.Globalization;
using System.Text;
using ClipGeometry.Geometry.Similarity;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Report;

/// <summary>Cosine-similarity matrices ordered by category, intra/inter distributions, the modality gap, and similarity.csv.</summary>
internal static class SimilaritySection
{
    public static void Write(StringBuilder html, ResultsData data, ReportOptions options)
    {
        html.Append("<section id=\"similarity\"><h2>Cosine similarity</h2>\n");
        if (!data.HasTextTower)
        {
            html.Append("<p class=\"note\">The model has no text tower: image–text similarity, recall and the modality gap are not defined, so only image statistics are shown.</p>");
        }

        html.Append("<div class=\"grid\">");
        var reference = data.Reference;
        var last = data.Levels.Count > 1 ? data.Levels[^1] : null;
        foreach (var level in new[] { reference, last }.OfType<PerturbationLevel>())
        {
            var sample = SampleRows(data, level.Name, options.MaxMatrixRows);
            if (sample.Rows.Count < 2)
            {
                html.Append("<p class=\"missing\">").Append(HtmlText.Esc($"No embeddings at {level.Name}: the similarity matrix cannot be drawn.")).Append("</p>");
                continue;
            }

            double[] vectors = Gather(data, level.Name, sample.Rows, sample.Dimension);
            double[] matrix = CosineSimilarity.Matrix(vectors, sample.Rows.Count, vectors, sample.Rows.Count, sample.Dimension);
            HtmlText.Figure(html, $"fig-similarity-{level.Name}", MatrixSvg(data, matrix, sample.Rows, sample.Rows, "image", "image"),
                $"Image–image cosine similarity at {level.Label}, rows and columns ordered by category ({sample.Rows.Count} images{(sample.Sampled ? ", sampled evenly within categories" : "")}).");
            WriteImageText(html, data, level, sample.Rows, vectors, sample.Dimension, sample.Sampled);
            if (level == reference)
            {
                WriteDistributions(html, data, matrix, sample.Rows, level, vectors, sample.Dimension);
            }
        }

        html.Append("</div>");
        WriteModalityGap(html, data);
        WriteStatistics(html, data);
        html.Append("</section>\n");
    }

    /// <summary>
    /// The image–caption matrix: rows the sampled images, columns the first caption of the same images in the same
    /// order, so that each image's own caption lies on the diagonal.
    /// </summary>
    private static void WriteImageText(StringBuilder html, ResultsData data, PerturbationLevel level, List<(int Category, int Row)> rows, double[] vectors, int dimension, bool sampled)
    {
        if (!data.HasTextTower)
        {
            html.Append("<p class=\"note\">").Append(HtmlText.Esc($"No image–caption similarity matrix at {level.Label}: the model has no text tower (e.g. ResNet-18), so captions are not embedded.")).Append("</p>");
            return;
        }

        int c = data.CaptionsPerImage;
        var kept = new List<(int Category, int Row)>();
        var images = new List<double>();
        var captions = new List<double>();
        for (int i = 0; i < rows.Count; i++)
        {
            if (c > 0 && data.Texts.TryGetValue(data.Categories[rows[i].Category], out var texts) && texts.Columns == dimension && ((rows[i].Row + 1) * c) <= texts.Rows)
            {
                kept.Add(rows[i]);
                images.AddRange(vectors.AsSpan(i * dimension, dimension).ToArray());
                for (int j = 0; j < dimension; j++)
                {
                    captions.Add(texts.Data[(rows[i].Row * c * dimension) + j]);
                }
            }
        }

        if (kept.Count < 2)
        {
            html.Append("<p class=\"missing\">").Append(HtmlText.Esc($"No image–caption similarity matrix at {level.Label}: texts/ holds no caption embeddings that match these images.")).Append("</p>");
            return;
        }

        double[] matrix = CosineSimilarity.Matrix(images.ToArray(), kept.Count, captions.ToArray(), kept.Count, dimension);
        double diagonal = 0, offDiagonal = 0;
        for (int i = 0; i < kept.Count; i++)
        {
            for (int j = 0; j < kept.Count; j++)
            {
                if (i == j)
                {
                    diagonal += matrix[(i * kept.Count) + j];
                }
                else
                {
                    offDiagonal += matrix[(i * kept.Count) + j];
                }
            }
        }

        diagonal /= kept.Count;
        offDiagonal /= (double)kept.Count * (kept.Count - 1);
        HtmlText.Figure(html, $"fig-image-text-{level.Name}", MatrixSvg(data, matrix, kept, kept, "image", "caption"),
            $"Image–caption cosine similarity at {level.Label}: rows are {kept.Count} images{(sampled ? " (sampled evenly within categories)" : "")}, columns the first caption of the same images in the same order, both ordered by category, so each image's own caption lies on the diagonal (a dark diagonal: images are closest to their own captions); mean cosine on the diagonal {ResultsNumbers.Short(diagonal)}, off it {ResultsNumbers.Short(offDiagonal)}. Captions do not change with the level.");
    }

    /// <summary>The modality gap (distance between the image and caption centroids) against the level, from similarity.csv.</summary>
    private static void WriteModalityGap(StringBuilder html, ResultsData data)
    {
        var table = data.Similarity;
        if (table is null || !data.HasTextTower || data.Levels.Count == 0)
        {
            return;
        }

        bool numeric = data.Levels.All(static l => !double.IsNaN(l.Value));
        var rows = Enumerable.Range(0, table.Rows.Count)
            .Where(i => table.Get(i, "statistic") == "modality_gap" && table.Get(i, "category") == "all" && double.IsFinite(table.Number(i, "value")))
            .Select(i => (Index: data.Levels.FindIndex(l => l.Name == table.Get(i, "level")), Value: table.Number(i, "value"), Low: table.Number(i, "ci_low"), High: table.Number(i, "ci_high")))
            .Where(static r => r.Index >= 0).OrderBy(static r => r.Index).ToList();
        if (rows.Count == 0)
        {
            html.Append("<p class=\"missing\">similarity.csv has no modality_gap rows: the modality gap is not drawn.</p>");
            return;
        }

        double XOf(int index) => numeric ? data.Levels[index].Value : index;
        var points = rows.Select(r => (XOf(r.Index), r.Value)).ToList();
        double top = rows.Max(static r => double.IsFinite(r.High) ? Math.Max(r.High, r.Value) : r.Value);
        string kind = data.Levels.Count > 1 ? data.Levels[1].Kind : data.Levels[0].Kind;
        var chart = new SvgChart(420, 280, (points.Min(static p => p.Item1), points.Max(static p => p.Item1)), (0, top),
            numeric ? PerturbationLevel.AxisLabel(kind) : "level", "modality gap (unitless)");
        if (!numeric)
        {
            chart.XTicks = data.Levels.Select((l, i) => ((double)i, l.Name)).ToList();
        }

        bool bars = false;
        foreach (var r in rows.Where(static r => double.IsFinite(r.Low) && double.IsFinite(r.High) && (r.Low != r.Value || r.High != r.Value)))
        {
            chart.ErrorBar(XOf(r.Index), r.Low, r.High, "err s5");
            bars = true;
        }

        chart.Line(points, "series s5", "modality gap");
        chart.Points(points, "f5", 0, 3.5, "modality gap");
        HtmlText.Figure(html, "fig-modality-gap", chart.ToSvg("modality gap against level"),
            "The modality gap, ‖mean image − mean caption‖ of the L2-normalised embeddings (0 = the two centroids coincide), at each level; captions are embedded once, so it moves only with the images" +
            (bars ? "; bars: 95% bootstrap intervals." : " (no bootstrap intervals: similarity.csv gives none for it)."));
    }

    private static (List<(int Category, int Row)> Rows, int Dimension, bool Sampled) SampleRows(ResultsData data, string level, int max)
    {
        var available = data.Categories.Select((c, i) => (i, data.Embeddings.GetValueOrDefault((level, c)))).Where(static x => x.Item2 is not null).ToList();
        int total = available.Sum(static x => x.Item2!.Rows);
        int dimension = available.Count > 0 ? available[0].Item2!.Columns : 0;
        var rows = new List<(int, int)>();
        foreach (var (category, matrix) in available)
        {
            if (matrix!.Columns != dimension)
            {
                continue;
            }

            int take = total <= max ? matrix.Rows : Math.Max(1, (int)Math.Round((double)max * matrix.Rows / total));
            for (int j = 0; j < take; j++)
            {
                rows.Add((category, (int)((long)j * matrix.Rows / take)));
            }
        }

        return (rows, dimension, total > max);
    }

    private static double[] Gather(ResultsData data, string level, List<(int Category, int Row)> rows, int dimension)
    {
        var values = new double[rows.Count * dimension];
        for (int i = 0; i < rows.Count; i++)
        {
            var m = data.Embeddings[(level, data.Categories[rows[i].Category])];
            for (int j = 0; j < dimension; j++)
            {
                values[(i * dimension) + j] = m.Data[(rows[i].Row * dimension) + j];
            }
        }

        return values;
    }

    private static string MatrixSvg(ResultsData data, double[] matrix, List<(int Category, int Row)> rows, List<(int Category, int Row)> columns, string rowLabel, string columnLabel)
    {
        int n = rows.Count, m = columns.Count;
        double lo = matrix.Min(), hi = matrix.Max();
        using var image = new Image<Rgb24>(m, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                string hex = AnglesSection.Ramp(1 - ((matrix[(i * m) + j] - lo) / Math.Max(hi - lo, 1e-12)));
                image[j, i] = new Rgb24(Convert.ToByte(hex[1..3], 16), Convert.ToByte(hex[3..5], 16), Convert.ToByte(hex[5..7], 16));
            }
        }

        using var png = new MemoryStream();
        image.SaveAsPng(png);
        const double left = 70, top = 10, size = 300;
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {left + size + 20} {top + size + 80}\" width=\"{left + size + 20}\" height=\"{top + size + 80}\" role=\"img\" aria-label=\"cosine similarity matrix\">");
        s.Append(CultureInfo.InvariantCulture, $"<image x=\"{left}\" y=\"{top}\" width=\"{size}\" height=\"{size}\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,{Convert.ToBase64String(png.ToArray())}\"/>");
        foreach (var (axisRows, vertical) in new[] { (rows, true), (columns, false) })
        {
            int count = axisRows.Count;
            for (int start = 0; start < count;)
            {
                int end = start;
                while (end < count && axisRows[end].Category == axisRows[start].Category)
                {
                    end++;
                }

                double a = size * start / count, b = size * end / count;
                string name = HtmlText.Esc(data.Categories[axisRows[start].Category]);
                int colour = HtmlText.ColourIndex(data, data.Categories[axisRows[start].Category]);
                if (vertical)
                {
                    s.Append(CultureInfo.InvariantCulture, $"<rect class=\"b{colour}\" x=\"{left - 6}\" y=\"{SvgChart.F(top + a)}\" width=\"4\" height=\"{SvgChart.F(b - a)}\"/><text class=\"tick\" x=\"{left - 9}\" y=\"{SvgChart.F(top + ((a + b) / 2) + 4)}\" text-anchor=\"end\">{name}</text>");
                    if (start > 0)
                    {
                        s.Append(CultureInfo.InvariantCulture, $"<path class=\"sep\" d=\"M{left} {SvgChart.F(top + a)}h{size}\"/>");
                    }
                }
                else
                {
                    s.Append(CultureInfo.InvariantCulture, $"<rect class=\"b{colour}\" x=\"{SvgChart.F(left + a)}\" y=\"{top + size + 2}\" width=\"{SvgChart.F(b - a)}\" height=\"4\"/><text class=\"tick\" transform=\"translate({SvgChart.F(left + ((a + b) / 2) + 3)} {top + size + 12}) rotate(-40)\" text-anchor=\"end\">{name}</text>");
                    if (start > 0)
                    {
                        s.Append(CultureInfo.InvariantCulture, $"<path class=\"sep\" d=\"M{SvgChart.F(left + a)} {top}v{size}\"/>");
                    }
                }

                start = end;
            }
        }

        s.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{left + (size / 2)}\" y=\"{top + size + 74}\" text-anchor=\"middle\">{columnLabel}s by category · colour: cosine {ResultsNumbers.Short(lo)} (light) to {ResultsNumbers.Short(hi)} (dark)</text>");
        s.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" transform=\"translate(10 {top + (size / 2)}) rotate(-90)\" text-anchor=\"middle\">{rowLabel}s</text>");
        return s.Append("</svg>").ToString();
    }

    private static void WriteDistributions(StringBuilder html, ResultsData data, double[] matrix, List<(int Category, int Row)> rows, PerturbationLevel level, double[] vectors, int dimension)
    {
        int n = rows.Count;
        var intra = new List<double>();
        var inter = new List<double>();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                (rows[i].Category == rows[j].Category ? intra : inter).Add(matrix[(i * n) + j]);
            }
        }

        // Matched image–caption similarities (each sampled image with its own captions), when there is a text tower.
        var matched = new List<double>();
        int c = data.CaptionsPerImage;
        if (c > 0)
        {
            for (int i = 0; i < n; i++)
            {
                if (data.Texts.TryGetValue(data.Categories[rows[i].Category], out var texts) && texts.Columns == dimension && ((rows[i].Row + 1) * c) <= texts.Rows)
                {
                    var captions = new double[c * dimension];
                    for (int j = 0; j < captions.Length; j++)
                    {
                        captions[j] = texts.Data[(rows[i].Row * c * dimension) + j];
                    }

                    matched.AddRange(CosineSimilarity.Matrix(vectors.AsSpan(i * dimension, dimension), 1, captions, c, dimension));
                }
            }
        }

        var series = new List<(string Name, List<double> Values, int Colour)> { ("same category", intra, 4), ("different categories", inter, 0) };
        if (matched.Count > 0)
        {
            series.Add(("image and its caption", matched, 2));
        }

        double lo = series.Where(static s => s.Values.Count > 0).Min(static s => s.Values.Min()), hi = series.Where(static s => s.Values.Count > 0).Max(static s => s.Values.Max());
        const int bins = 40;
        double width = Math.Max(hi - lo, 1e-9) / bins;
        var histograms = series.Select(s =>
        {
            var h = new double[bins];
            foreach (double v in s.Values)
            {
                h[Math.Clamp((int)((v - lo) / width), 0, bins - 1)]++;
            }

            for (int b = 0; b < bins; b++)
            {
                h[b] /= Math.Max(1, s.Values.Count) * width;
            }

            return h;
        }).ToList();
        var chart = new SvgChart(420, 300, (lo, hi), (0, histograms.Max(static h => h.Max())), "cosine similarity", "density (per unit cosine)");
        for (int k = 0; k < series.Count; k++)
        {
            var steps = new List<(double, double)>();
            for (int b = 0; b < bins; b++)
            {
                steps.Add((lo + (b * width), histograms[k][b]));
                steps.Add((lo + ((b + 1) * width), histograms[k][b]));
            }

            chart.Line(steps, $"series s{series[k].Colour}", series[k].Name);
        }

        string gap = StatisticText(data, level.Name, "modality_gap");
        HtmlText.Figure(html, "fig-similarity-distributions", HtmlText.Legend(series.Select(static s => (s.Name, s.Colour))) + chart.ToSvg("distributions of cosine similarity"),
            $"Cosine similarity of image pairs in the same category against different categories{(matched.Count > 0 ? ", and of each image with its own captions" : "")} at {level.Label}" +
            (gap.Length > 0 ? $"; modality gap {gap}." : "."));
    }

    private static string StatisticText(ResultsData data, string level, string statistic)
    {
        var table = data.Similarity;
        if (table is null)
        {
            return "";
        }

        for (int i = 0; i < table.Rows.Count; i++)
        {
            if (table.Get(i, "level") == level && table.Get(i, "statistic") == statistic && table.Get(i, "category") == "all")
            {
                return ResultsNumbers.Short(table.Number(i, "value"));
            }
        }

        return "";
    }

    private static void WriteStatistics(StringBuilder html, ResultsData data)
    {
        var table = data.Similarity;
        if (table is null || table.Rows.Count == 0)
        {
            html.Append("<p class=\"missing\">similarity.csv is missing or holds no rows: no similarity statistics per level.</p>");
            return;
        }

        string[] statistics = ["image_image_mean", "intra_mean", "inter_mean", "image_text_mean", "text_text_mean", "modality_gap"];
        int[] colours = [7, 4, 0, 2, 6, 5];
        bool numeric = data.Levels.All(static l => !double.IsNaN(l.Value));
        double XOf(string level)
        {
            int i = data.Levels.FindIndex(l => l.Name == level);
            return numeric && i >= 0 ? data.Levels[i].Value : i;
        }

        var lines = new List<(string Name, List<(double, double)> Points, int Colour)>();
        for (int s = 0; s < statistics.Length; s++)
        {
            var points = Enumerable.Range(0, table.Rows.Count)
                .Where(i => table.Get(i, "statistic") == statistics[s] && table.Get(i, "category") == "all")
                .Select(i => (XOf(table.Get(i, "level")), table.Number(i, "value"))).Where(static p => double.IsFinite(p.Item2)).OrderBy(static p => p.Item1).ToList();
            if (points.Count > 0)
            {
                lines.Add((statistics[s], points, colours[s]));
            }
        }

        if (lines.Count > 0 && data.Levels.Count > 0)
        {
            var all = lines.SelectMany(static l => l.Points).ToList();
            string kind = data.Levels.Count > 1 ? data.Levels[1].Kind : data.Levels[0].Kind;
            var chart = new SvgChart(460, 300, (all.Min(static p => p.Item1), all.Max(static p => p.Item1)), (Math.Min(0, all.Min(static p => p.Item2)), all.Max(static p => p.Item2)),
                numeric ? PerturbationLevel.AxisLabel(kind) : "level", "cosine similarity / gap (unitless)");
            if (!numeric)
            {
                chart.XTicks = data.Levels.Select((l, i) => ((double)i, l.Name)).ToList();
            }

            foreach (var (name, points, colour) in lines)
            {
                chart.Line(points, $"series s{colour}", name);
                chart.Points(points, $"f{colour}", 0, 3, name);
            }

            HtmlText.Figure(html, "fig-similarity-levels", HtmlText.Legend(lines.Select(static l => (l.Name, l.Colour))) + chart.ToSvg("similarity statistics against level"),
                "Mean cosine similarities over all images and the modality gap (distance between the image and caption centroids) at each level.");
        }

        html.Append("<details><summary>The table (similarity.csv)</summary>");
        HtmlText.Table(html, "data", ["level", "statistic", "category", "value", "95% interval"],
            Enumerable.Range(0, table.Rows.Count).Select(i => (IReadOnlyList<string>)
            [
                table.Get(i, "level"), table.Get(i, "statistic"), table.Get(i, "category"), ResultsNumbers.Short(table.Number(i, "value")),
                ResultsNumbers.Interval(table.Number(i, "value"), table.Number(i, "ci_low"), table.Number(i, "ci_high")),
            ]));
        html.Append("</details>");
    }
}
