using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClipGeometry.Report;

/// <summary>The data: counts per category, skipped images with reasons, timings per stage, model, dataset and cluster identity, versions.</summary>
internal static class DataSection
{
    public static void Write(StringBuilder html, ResultsData data)
    {
        html.Append("<section id=\"data\"><h2>The data and the run</h2>\n");
        var counts = data.Find("dataset.counts");
        var sampled = data.Find("dataset.sampled");
        string? reference = data.Reference?.Name;
        html.Append("<div class=\"grid\">");
        HtmlText.Table(html, "data", ["category", "in the dataset", "sampled", "embedded", "captions", "thumbnails"],
            data.Categories.Select(c => (IReadOnlyList<string>)
            [
                c,
                Count(counts, c), Count(sampled, c),
                reference is not null && data.Embeddings.TryGetValue((reference, c), out var e) ? e.Rows.ToString("N0", CultureInfo.InvariantCulture) : "—",
                data.Texts.TryGetValue(c, out var t) ? t.Rows.ToString("N0", CultureInfo.InvariantCulture) : "—",
                data.Thumbnails.TryGetValue(c, out var th) ? th.Count(static x => x is not null).ToString("N0", CultureInfo.InvariantCulture) : "—",
            ]), "Images per category");

        if (data.Find("timings") is JsonElement timings && timings.ValueKind == JsonValueKind.Object)
        {
            var stages = timings.EnumerateObject().Where(static p => p.Value.ValueKind == JsonValueKind.Number).Select(static p => (p.Name, Seconds: p.Value.GetDouble())).ToList();
            if (stages.Count > 0)
            {
                double max = Math.Max(stages.Max(static s => s.Seconds), 1e-9);
                var svg = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 420 {(stages.Count * 24) + 34}\" width=\"420\" height=\"{(stages.Count * 24) + 34}\" role=\"img\" aria-label=\"timings per stage\">"));
                for (int i = 0; i < stages.Count; i++)
                {
                    double w = 260 * stages[i].Seconds / max;
                    svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"86\" y=\"{(i * 24) + 20}\" text-anchor=\"end\">{HtmlText.Esc(stages[i].Name)}</text><rect class=\"b4\" x=\"92\" y=\"{(i * 24) + 8}\" width=\"{SvgChart.F(Math.Max(w, 1))}\" height=\"16\"/><text class=\"tick\" x=\"{SvgChart.F(96 + w)}\" y=\"{(i * 24) + 20}\">{ResultsNumbers.Short(stages[i].Seconds)} s</text>");
                }

                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"222\" y=\"{(stages.Count * 24) + 28}\" text-anchor=\"middle\">wall-clock time (seconds)</text></svg>");
                HtmlText.Figure(html, "fig-timings", svg.ToString(), "Wall-clock seconds per stage of the sweep (total includes waiting).");
            }
        }
        else
        {
            html.Append("<p class=\"missing\">results.json has no timings.</p>");
        }

        html.Append("</div>");
        var identity = new List<IReadOnlyList<string>>();
        void Add(string label, string path)
        {
            if (data.Text(path) is { } v)
            {
                identity.Add([label, v]);
            }
        }

        Add("sweep", "sweepId");
        Add("created (UTC)", "createdUtc");
        Add("finished (UTC)", "finishedUtc");
        Add("dataset", "dataset.root");
        Add("dataset layout", "dataset.layout");
        Add("images in the dataset", "dataset.images");
        Add("captions per image", "dataset.captionsPerImage");
        Add("perturbations", "spec.perturbations");
        Add("categories", "spec.categories");
        Add("seed", "spec.seed");
        Add("model", "model.name");
        Add("model layout", "model.layout");
        Add("embedding dimension", "model.dimension");
        Add("input size", "model.inputSize");
        Add("text tower", "model.hasTextTower");
        Add("image decoder", "imageDecoder");
        Add("tokenizer", "tokenizer");
        Add("execution provider", "executionProvider");
        Add("persistence", "persistence.metric");
        Add("max dimension", "persistence.maxDimension");
        Add("cluster", "cluster.mode");
        Add("cluster id", "cluster.clusterId");
        Add("silos", "cluster.silos");
        Add("work units", "units");
        Add("clipgeo", "clipgeoVersion");
        Add(".NET", "dotnetVersion");
        Add("ONNX Runtime", "onnxRuntimeVersion");
        Add("pipeline version", "pipelineVersion");
        if (data.Find("model.files") is JsonElement files && files.ValueKind == JsonValueKind.Array)
        {
            foreach (var f in files.EnumerateArray())
            {
                identity.Add(["model file", $"{Prop(f, "path")}  sha256 {Prop(f, "sha256")}"]);
            }
        }

        html.Append("<h3>Identity and versions</h3>");
        if (identity.Count > 0)
        {
            HtmlText.Table(html, "kv", ["", ""], identity);
        }
        else
        {
            html.Append("<p class=\"missing\">results.json is missing or unreadable: the model, dataset, cluster and versions are unknown.</p>");
        }

        html.Append("<h3>Skipped images</h3>");
        if (data.Find("skipped") is JsonElement skipped && skipped.ValueKind == JsonValueKind.Array)
        {
            var list = skipped.EnumerateArray().ToList();
            if (list.Count == 0)
            {
                html.Append("<p>None: every image of the sample was embedded.</p>");
            }
            else
            {
                HtmlText.Table(html, "data", ["image", "stage", "reason"], list.Take(500).Select(s => (IReadOnlyList<string>)[Prop(s, "path"), Prop(s, "stage"), Prop(s, "reason")]),
                    list.Count > 500 ? $"The first 500 of {list.Count} (results.json lists all)" : $"{list.Count} skipped");
            }
        }
        else
        {
            html.Append("<p class=\"missing\">results.json lists no skipped images (the key is absent).</p>");
        }

        html.Append("</section>\n");
    }

    private static string Count(JsonElement? counts, string category) =>
        counts is JsonElement c && c.ValueKind == JsonValueKind.Object && c.TryGetProperty(category, out var v) && v.TryGetInt64(out long n)
            ? n.ToString("N0", CultureInfo.InvariantCulture) : "—";

    private static string Prop(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText()) : "";
}
