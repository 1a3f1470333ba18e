#:project ../../../../src/Client/ClipGeometry.Client.csproj
#:property TargetFramework=net10.0
#:property PublishAot=false

// Makes tests/Client.Tests/Report/sample-results/ (docs/results.md, "A sample") from the existing commands:
// demo images (DemoDatasetGenerator) embedded with the tiny CLIP fixture at three blur levels (clipgeo embed),
// diagrams (clipgeo ph, cosine), distances (clipgeo distance) with bootstrap intervals, angles (clipgeo angles),
// similarity (clipgeo similarity; intervals never blank, the value itself where there is no bootstrap, as the sweep
// writes them). The projections are made afterwards by umap_projections.py (umap-learn).
// Usage: dotnet run MakeSample.cs -- OUT_DIR FIXTURES_DIR
using System.Globalization;
using System.Text;
using System.Text.Json;
using ClipGeometry.Client;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.Datasets;
using ClipGeometry.Embedding.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;

var inv = CultureInfo.InvariantCulture;
string outDir = Path.GetFullPath(args[0]);
string model = Path.Combine(Path.GetFullPath(args[1]), "tiny-clip");
const int PerCategory = 10, Replicates = 10, Seed = 42;
double[] sigmas = [0, 2, 4];
string[] levels = [.. sigmas.Select(s => "sigma-" + s.ToString(inv))];
var started = DateTime.UtcNow;
var timings = new Dictionary<string, double>();
var clock = System.Diagnostics.Stopwatch.StartNew();

if (Directory.Exists(outDir))
{
    Directory.Delete(outDir, recursive: true);
}

string work = Path.Combine(Path.GetTempPath(), "clipgeo-sample-" + Environment.ProcessId.ToString(inv));
Directory.CreateDirectory(work);
var dataset = DemoDatasetGenerator.Generate(Path.Combine(work, "dataset"), new DemoDatasetOptions { ImagesPerCategory = PerCategory, Seed = Seed });
string[] categories = [.. DemoDatasetGenerator.Categories.Order(StringComparer.Ordinal)];
var byCategory = categories.ToDictionary(c => c, c => dataset.Items.Where(i => i.Category == c).ToList());
timings["plan"] = clock.Elapsed.TotalSeconds;

string Run(params string[] arguments)
{
    using var output = new StringWriter(inv);
    using var error = new StringWriter(inv);
    int exit = ClipGeoCli.Run(arguments, new CliContext(output, error));
    if (exit != 0)
    {
        throw new InvalidOperationException($"clipgeo {string.Join(' ', arguments)} failed ({exit}): {error}");
    }

    return output.ToString();
}

// Embeddings, ids, captions, caption embeddings, thumbnails.
clock.Restart();
foreach (string level in levels)
{
    Directory.CreateDirectory(Path.Combine(outDir, "embeddings", level));
}

Directory.CreateDirectory(Path.Combine(outDir, "captions"));
Directory.CreateDirectory(Path.Combine(outDir, "texts"));
foreach (string c in categories)
{
    var items = byCategory[c];
    for (int l = 0; l < levels.Length; l++)
    {
        string npy = Path.Combine(outDir, "embeddings", levels[l], c + ".npy");
        Run([.. new[] { "embed", "images", "--model", model, "--sigma", sigmas[l].ToString(inv), "--device", "cpu", "--out", npy }, .. items.Select(i => i.ImagePath)]);
        File.Delete(Path.ChangeExtension(npy, ".index.csv"));
        File.WriteAllText(Path.Combine(outDir, "embeddings", levels[l], c + ".ids.txt"), string.Concat(items.Select(i => "Images/" + i.Name + "\n")));
    }

    File.WriteAllText(Path.Combine(outDir, "captions", c + ".txt"), string.Concat(items.Select(i => string.Join('\t', i.Captions.Select(t => t.Replace('\t', ' ').Replace('\n', ' '))) + "\n")));
    string flat = Path.Combine(work, c + "-captions.txt");
    File.WriteAllText(flat, string.Concat(items.SelectMany(i => i.Captions).Select(t => t + "\n")));
    Run("embed", "texts", "--model", model, "--device", "cpu", "--file", flat, "--out", Path.Combine(outDir, "texts", c + ".npy"));
    Directory.CreateDirectory(Path.Combine(outDir, "thumbnails", c));
    for (int row = 0; row < items.Count; row++)
    {
        using var image = Image.Load(items[row].ImagePath);
        image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(48, 48), Mode = ResizeMode.Max }));
        image.SaveAsJpeg(Path.Combine(outDir, "thumbnails", c, row.ToString(inv) + ".jpg"), new JpegEncoder { Quality = 80 });
    }
}

timings["embed"] = clock.Elapsed.TotalSeconds;

// Arrays per (level, category), global = the categories concatenated in globalOrder.
var rng = new Random(Seed);
float[] Rows(NpyArray a, IReadOnlyList<int> rows)
{
    int d = a.Columns;
    var values = new float[rows.Count * d];
    for (int i = 0; i < rows.Count; i++)
    {
        for (int j = 0; j < d; j++)
        {
            values[(i * d) + j] = (float)a.Data[(rows[i] * d) + j];
        }
    }

    return values;
}

NpyArray Load(string level, string category)
{
    if (category != "global")
    {
        return NpyFile.Read(Path.Combine(outDir, "embeddings", level, category + ".npy"));
    }

    var parts = categories.Select(c => Load(level, c)).ToList();
    return new NpyArray([parts.Sum(p => p.Rows), parts[0].Columns], [.. parts.SelectMany(p => p.Data)], "<f4");
}

string WriteNpy(NpyArray a, IReadOnlyList<int> rows, string name)
{
    string path = Path.Combine(work, name + ".npy");
    NpyFile.WriteSingle(path, Rows(a, rows), rows.Count, a.Columns);
    return path;
}

// Ripser's text layout keeps an empty H1 (a dim,birth,death CSV cannot): distances are taken between the text files.
string Text(string csv) => Path.Combine(work, "ripser", Path.GetRelativePath(outDir.Length > 0 && csv.StartsWith(outDir, StringComparison.Ordinal) ? outDir : work, csv) + ".txt");

void Diagram(string npy, string csv)
{
    string text = Text(csv);
    Directory.CreateDirectory(Path.GetDirectoryName(text)!);
    File.WriteAllText(text, Run("ph", npy, "--metric", "cosine", "--dim", "1"));
    var sb = new StringBuilder("dim,birth,death\n");
    foreach (var d in DiagramFile.ReadAll(text))
    {
        foreach (var p in d.Intervals)
        {
            sb.Append(inv, $"{d.Dimension},{DiagramFile.Format(p.Birth)},{DiagramFile.Format(p.Death)}\n");
        }
    }

    Directory.CreateDirectory(Path.GetDirectoryName(csv)!);
    File.WriteAllText(csv, sb.ToString());
}

clock.Restart();
string[] all = ["global", .. categories];
var bootstrap = new Dictionary<(string, string), int[][]>();
foreach (string c in all)
{
    int n = Load(levels[0], c).Rows;
    bootstrap[(c, "")] = [.. Enumerable.Range(0, Replicates).Select(_ => Enumerable.Range(0, n).Select(_ => rng.Next(n)).ToArray())];
    var permutation = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray();
    bootstrap[(c, "halves")] = [permutation[..(n / 2)], permutation[(n / 2)..]];
}

foreach (string level in levels)
{
    foreach (string c in all)
    {
        var a = Load(level, c);
        Diagram(WriteNpy(a, [.. Enumerable.Range(0, a.Rows)], "full"), Path.Combine(outDir, "diagrams", level, c + ".csv"));
        for (int b = 0; b < Replicates; b++)
        {
            Diagram(WriteNpy(a, bootstrap[(c, "")][b], "rep"), Path.Combine(outDir, "diagrams", level, "replicates", c + "-" + b.ToString(inv) + ".csv"));
        }

        if (level == levels[0])
        {
            for (int h = 0; h < 2; h++)
            {
                Diagram(WriteNpy(a, bootstrap[(c, "halves")][h], "half"), Path.Combine(work, "halves", c + "-" + h.ToString(inv) + ".csv"));
            }
        }
    }
}

timings["persistence"] = clock.Elapsed.TotalSeconds;
clock.Restart();

double Distance(string a, string b, int dim, string kind)
{
    (a, b) = (Text(a), Text(b));
    string[] extra = kind switch
    {
        "wasserstein" => ["--order", "1", "--ground", "inf"],
        "wasserstein-1d" => ["--statistic", "lifetime"],
        _ => [],
    };
    try
    {
        string text = Run([.. new[] { "distance", a, b, "--dim", dim.ToString(inv), "--kind", kind }, .. extra]);
        return ResultsNumbersParse(text.Trim().Split('\n')[^1]);
    }
    catch (InvalidOperationException e) when (e.Message.Contains("needs finite intervals", StringComparison.Ordinal))
    {
        return double.NaN; // the 1-D distance is undefined when a diagram has no finite interval: the row is left out
    }
}

static double ResultsNumbersParse(string s) => s.Trim() == "inf" ? double.PositiveInfinity : double.Parse(s.Trim().Split(' ')[^1], CultureInfo.InvariantCulture);

static (double, double) Interval(List<double> values)
{
    values.Sort();
    double Q(double q) => values[(int)Math.Clamp(Math.Round(q * (values.Count - 1)), 0, values.Count - 1)];
    return (Q(0.025), Q(0.975));
}

var wasserstein = new StringBuilder("category,dim,level_a,level_b,kind,order,ground,statistic,distance,ci_low,ci_high,null_mean\n");
foreach (string c in all)
{
    for (int dim = 0; dim <= 1; dim++)
    {
        foreach (var (kind, order, ground, statistic) in new[] { ("wasserstein", "1", "inf", ""), ("bottleneck", "inf", "inf", ""), ("wasserstein-1d", "1", "", "lifetime") })
        {
            double nullMean = Distance(Path.Combine(work, "halves", c + "-0.csv"), Path.Combine(work, "halves", c + "-1.csv"), dim, kind);
            foreach (string level in levels.Skip(1))
            {
                double d = Distance(Path.Combine(outDir, "diagrams", levels[0], c + ".csv"), Path.Combine(outDir, "diagrams", level, c + ".csv"), dim, kind);
                var reps = Enumerable.Range(0, Replicates).Select(b => Distance(
                    Path.Combine(outDir, "diagrams", levels[0], "replicates", $"{c}-{b}.csv"),
                    Path.Combine(outDir, "diagrams", level, "replicates", $"{c}-{b}.csv"), dim, kind)).ToList();
                if (double.IsNaN(d))
                {
                    continue;
                }

                reps.RemoveAll(double.IsNaN);
                var (lo, hi) = reps.Count > 0 ? Interval(reps) : (d, d);
                wasserstein.Append(inv, $"{c},{dim},{levels[0]},{level},{kind},{order},{ground},{statistic},{DiagramFile.Format(d)},{DiagramFile.Format(lo)},{DiagramFile.Format(hi)},{(double.IsNaN(nullMean) ? "" : DiagramFile.Format(nullMean))}\n");
            }
        }
    }
}

File.WriteAllText(Path.Combine(outDir, "wasserstein.csv"), wasserstein.ToString());

double[] Angles(string a, string b)
{
    var lines = Run("angles", a, b, "--rows", "--degrees", "--summary").Split('\n');
    double Get(string key) => double.Parse(lines.First(l => l.StartsWith("# " + key + " ", StringComparison.Ordinal)).Split(' ')[^1], CultureInfo.InvariantCulture);
    return [Get("largest"), Get("mean"), Get("smallest"), Get("grassmann")];
}

var angles = new StringBuilder("level,category_a,category_b,k,largest_deg,mean_deg,smallest_deg,grassmann,ci_low,ci_high,null_mean\n");
foreach (string level in levels)
{
    for (int i = 0; i < categories.Length; i++)
    {
        for (int j = i + 1; j < categories.Length; j++)
        {
            var (x, y) = (Load(level, categories[i]), Load(level, categories[j]));
            string px = Path.Combine(outDir, "embeddings", level, categories[i] + ".npy"), py = Path.Combine(outDir, "embeddings", level, categories[j] + ".npy");
            double[] s = Angles(px, py);
            var reps = Enumerable.Range(0, Replicates).Select(b => Angles(
                WriteNpy(x, bootstrap[(categories[i], "")][b], "ra"), WriteNpy(y, bootstrap[(categories[j], "")][b], "rb"))[1]).ToList();
            var (lo, hi) = Interval(reps);
            // Null: the two categories' images pooled and split at random into groups of the same sizes.
            var pooled = new NpyArray([x.Rows + y.Rows, x.Columns], [.. x.Data, .. y.Data], "<f4");
            var nulls = Enumerable.Range(0, Replicates).Select(_ =>
            {
                var order = Enumerable.Range(0, pooled.Rows).OrderBy(_ => rng.Next()).ToArray();
                return Angles(WriteNpy(pooled, order[..x.Rows], "na"), WriteNpy(pooled, order[x.Rows..], "nb"))[1];
            }).Average();
            // The subspace degrees of angles converted to radians for the Grassmann distance: --degrees scales it too.
            double grassmannRadians = s[3] * Math.PI / 180;
            angles.Append(inv, $"{level},{categories[i]},{categories[j]},all,{DiagramFile.Format(s[0])},{DiagramFile.Format(s[1])},{DiagramFile.Format(s[2])},{DiagramFile.Format(grassmannRadians)},{DiagramFile.Format(lo)},{DiagramFile.Format(hi)},{DiagramFile.Format(nulls)}\n");
        }
    }
}

File.WriteAllText(Path.Combine(outDir, "subspace_angles.csv"), angles.ToString());

// Similarity: clipgeo similarity on all images of a level with their captions and labels.
var similarity = new StringBuilder("level,statistic,category,value,ci_low,ci_high\n");
(string Name, string Statistic)[] map =
[
    ("image-image mean cosine (i<j)", "image_image_mean"), ("text-text mean cosine (i<j)", "text_text_mean"),
    ("image-text mean cosine", "image_text_mean"), ("modality gap ‖mean image − mean text‖ (normalised)", "modality_gap"),
    ("image effective dimensionality (participation ratio)", "effective_dimension"),
    ("recall@1 image→text", "recall_i2t@1"), ("recall@5 image→text", "recall_i2t@5"), ("recall@10 image→text", "recall_i2t@10"),
    ("recall@1 text→image", "recall_t2i@1"), ("recall@5 text→image", "recall_t2i@5"), ("recall@10 text→image", "recall_t2i@10"),
    ("image intra-category mean cosine", "intra_mean"), ("image inter-category mean cosine", "inter_mean"),
];
string labels = Path.Combine(work, "labels.txt");
File.WriteAllText(labels, string.Concat(categories.SelectMany(c => byCategory[c].Select(_ => c + "\n"))));
var textsAll = categories.Select(c => NpyFile.Read(Path.Combine(outDir, "texts", c + ".npy"))).ToList();
string textsNpy = Path.Combine(work, "texts.npy");
NpyFile.WriteSingle(textsNpy, [.. textsAll.SelectMany(t => t.Data).Select(v => (float)v)], textsAll.Sum(t => t.Rows), textsAll[0].Columns);
foreach (string level in levels)
{
    var g = Load(level, "global");
    string simDir = Path.Combine(work, "similarity-" + level);
    Run("similarity", WriteNpy(g, [.. Enumerable.Range(0, g.Rows)], "global"), textsNpy, "--labels", labels, "--out", simDir, "--bootstrap", "200", "--seed", Seed.ToString(inv));
    var lines = File.ReadAllLines(Path.Combine(simDir, "summary.csv")).Skip(1).Select(ParseCsvLine).ToList();
    foreach (var (name, statistic) in map)
    {
        // Recall's names end in a note on ties ("recall@1 image→text (ties counted against)").
        var row = lines.FirstOrDefault(l => l[0] == name || l[0].StartsWith(name + " (", StringComparison.Ordinal));
        if (row is not null)
        {
            similarity.Append(inv, $"{level},{statistic},all,{Ci(row)}\n");
        }
    }

    var diff = lines.FirstOrDefault(l => l[0].StartsWith("image intra − inter (bootstrap", StringComparison.Ordinal));
    if (diff is not null)
    {
        similarity.Append(inv, $"{level},intra_minus_inter,all,{Ci(diff)}\n");
    }

    foreach (string c in categories)
    {
        var row = lines.FirstOrDefault(l => l[0] == $"image intra mean [{c}]");
        if (row is not null)
        {
            similarity.Append(inv, $"{level},intra_mean,{c},{Ci(row)}\n");
        }
    }
}

File.WriteAllText(Path.Combine(outDir, "similarity.csv"), similarity.ToString());
timings["metrics"] = clock.Elapsed.TotalSeconds;
timings["total"] = (DateTime.UtcNow - started).TotalSeconds;

// value,ci_low,ci_high as docs/results.md says the sweep writes them: never blank; a statistic without a bootstrap
// interval gets the value itself as both ends (zero width: "not bootstrapped").
static string Ci(string[] row) => row.Length > 3 && row[2].Length > 0 && row[3].Length > 0 ? $"{row[1]},{row[2]},{row[3]}" : $"{row[1]},{row[1]},{row[1]}";

static string[] ParseCsvLine(string line)
{
    var fields = new List<string>();
    var field = new StringBuilder();
    bool quoted = false;
    foreach (char ch in line)
    {
        if (ch == '"')
        {
            quoted = !quoted;
        }
        else if (ch == ',' && !quoted)
        {
            fields.Add(field.ToString());
            field.Clear();
        }
        else
        {
            field.Append(ch);
        }
    }

    fields.Add(field.ToString());
    return [.. fields];
}

var results = new Dictionary<string, object?>
{
    ["format"] = "clipgeo.results/1",
    ["sweepId"] = "sample-tiny-clip",
    ["clipgeoVersion"] = typeof(ClipGeoCli).Assembly.GetName().Version?.ToString(),
    ["dotnetVersion"] = Environment.Version.ToString(),
    ["onnxRuntimeVersion"] = "1.31.0",
    ["pipelineVersion"] = 1,
    ["createdUtc"] = started.ToString("o", inv),
    ["finishedUtc"] = DateTime.UtcNow.ToString("o", inv),
    ["spec"] = new Dictionary<string, object?>
    {
        ["dataset"] = "demo", ["model"] = "tiny-clip", ["perturbations"] = "blur:0,2,4", ["levels"] = levels, ["categories"] = "captions",
        ["perCategory"] = PerCategory, ["shardSize"] = PerCategory, ["dims"] = 1, ["metric"] = "cosine", ["maxPoints"] = 0, ["angleK"] = "all",
        ["bootstrap"] = Replicates, ["seed"] = Seed,
    },
    ["model"] = new Dictionary<string, object?>
    {
        ["name"] = "tiny-clip (test fixture)", ["layout"] = "clip-single", ["files"] = new[] { new Dictionary<string, string> { ["path"] = "model.onnx", ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(model, "model.onnx")))) } },
        ["hasTextTower"] = true, ["dimension"] = textsAll[0].Columns, ["inputSize"] = 30,
    },
    ["imageDecoder"] = "libjpeg-turbo (TurboJPEG, TJPF_RGB)",
    ["preprocessing"] = "the fixture's preprocessor_config.json",
    ["tokenizer"] = "the fixture's vocab.json + merges.txt",
    ["executionProvider"] = new Dictionary<string, string> { ["provider"] = "cpu", ["precision"] = "fp32" },
    ["dataset"] = new Dictionary<string, object?>
    {
        ["root"] = "demo (DemoDatasetGenerator, seed 42)", ["layout"] = "flickr-kaggle", ["images"] = dataset.Items.Count, ["captionsPerImage"] = 5,
        ["counts"] = categories.ToDictionary(c => c, c => byCategory[c].Count), ["sampled"] = categories.ToDictionary(c => c, c => byCategory[c].Count),
    },
    ["globalOrder"] = categories,
    ["persistence"] = new Dictionary<string, object?> { ["metric"] = "cosine", ["threshold"] = null, ["maxDimension"] = 1, ["maxPoints"] = 0, ["subsampling"] = new Dictionary<string, object>() },
    ["skipped"] = Array.Empty<object>(),
    ["timings"] = timings,
    ["cluster"] = new Dictionary<string, object?> { ["mode"] = "in-process", ["clusterId"] = null, ["silos"] = Array.Empty<object>() },
    ["units"] = new Dictionary<string, int> { ["total"] = 0, ["retried"] = 0, ["failed"] = 0 },
};
File.WriteAllText(Path.Combine(outDir, "results.json"), JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }) + "\n");
Directory.Delete(work, recursive: true);
Console.WriteLine($"wrote {outDir}");
