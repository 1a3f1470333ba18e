using System.Globalization;
using System.Reflection;
using System.Text;

namespace ClipGeometry.Report;

/// <summary>Renders one self-contained HTML page (inline CSS, SVG, script and data; nothing fetched) from a results directory's data.</summary>
public static class ReportPage
{
    /// <summary>The whole page.</summary>
    public static string Render(ResultsData data, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ReportOptions();
        var html = new StringBuilder(1 << 20);
        string title = "ClipGeometry report" + (data.Text("sweepId") is { } id ? " — " + id : "");
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light dark\"><title>").Append(HtmlText.Esc(title)).Append("</title><style>")
            .Append(Asset("report.css")).Append("</style></head><body>\n<header><h1>").Append(HtmlText.Esc(title)).Append("</h1><p class=\"sub\">");
        html.Append(HtmlText.Esc(Summary(data))).Append("</p><nav>");
        foreach (string method in data.MapMethods)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"#projection{ProjectionSection.Suffix(method)}\">{(data.MapMethods.Count > 1 ? ProjectionSection.Title(method) + " map" : "map")}</a>");
        }

        html.Append("<a href=\"#diagrams\">diagrams</a><a href=\"#wasserstein\">distances</a>")
            .Append("<a href=\"#angles\">angles</a><a href=\"#similarity\">similarity</a><a href=\"#data\">data</a></nav></header>\n<main>\n");
        if (data.Problems.Count > 0)
        {
            html.Append("<aside class=\"problems\" id=\"problems\"><h2>Missing or malformed</h2><p>This report shows what could be read; these parts of the results directory were missing or malformed:</p><ul>");
            foreach (string problem in data.Problems.Distinct())
            {
                html.Append("<li>").Append(HtmlText.Esc(problem)).Append("</li>");
            }

            html.Append("</ul></aside>\n");
        }

        foreach (string method in data.MapMethods)
        {
            Guard(html, "projection" + ProjectionSection.Suffix(method), () => ProjectionSection.Write(html, data, options, method));
        }

        Guard(html, "diagrams", () => DiagramSection.Write(html, data));
        Guard(html, "wasserstein", () => WassersteinSection.Write(html, data));
        Guard(html, "angles", () => AnglesSection.Write(html, data));
        Guard(html, "similarity", () => SimilaritySection.Write(html, data, options));
        Guard(html, "data", () => DataSection.Write(html, data));
        html.Append("</main><footer>Written by clipgeo report from ").Append(HtmlText.Esc(data.Root)).Append(" at ")
            .Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(". Colours: Okabe–Ito (categories), cividis-like ramp (heatmaps).</footer>\n<script>")
            .Append(Asset("report.js")).Append("</script></body></html>\n");
        return html.ToString();
    }

    private static string Summary(ResultsData data)
    {
        var parts = new List<string>();
        if (data.Text("model.name") is { } model)
        {
            parts.Add(model);
        }

        if (data.Text("dataset.root") is { } dataset)
        {
            parts.Add(Path.GetFileName(dataset.TrimEnd('/', '\\')));
        }

        int images = data.Reference is { } r ? data.Categories.Sum(c => data.Embeddings.TryGetValue((r.Name, c), out var e) ? e.Rows : 0) : 0;
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{images:N0} images in {data.Categories.Count} categories"));
        parts.Add($"levels {string.Join(", ", data.Levels.Select(static l => l.Name))}");
        return string.Join(" · ", parts);
    }

    /// <summary>A section that fails on unexpected data says so in the page instead of failing the report.</summary>
    private static void Guard(StringBuilder html, string id, Action write)
    {
        int mark = html.Length;
        try
        {
            write();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or KeyNotFoundException or FormatException or OverflowException)
        {
            html.Length = mark;
            html.Append(CultureInfo.InvariantCulture, $"<section id=\"{id}\"><p class=\"missing\">This section could not be drawn from the data: {HtmlText.Esc(e.Message)}</p></section>\n");
        }
    }

    private static string Asset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ClipGeometry.Report." + name)
                           ?? throw new InvalidOperationException($"The report asset {name} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
