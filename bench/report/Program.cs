// Writes a Flickr8k-sized synthetic results directory (8,091 images in 5 categories, 5 captions each, 6 blur levels,
// d = 512, 48-px JPEG thumbnails, projections/ present), times ReportGenerator on it, then opens report.html in
// headless Chromium and measures the load (navigation start to the map drawn) and the hover answer time
// (500 mousemove events, half on drawn points and half at random, handler time measured in the page). Usage: ReportBench [DIR] [IMAGES] [DIMENSION]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Report;
using PuppeteerSharp;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

var inv = CultureInfo.InvariantCulture;
string root = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(Path.GetTempPath(), "clipgeo-report-bench");
int total = args.Length > 1 ? int.Parse(args[1], inv) : 8091;
// The embedding dimension changes neither the report's size nor its map (the matrices sample 400 images); a smaller
// one makes the COCO-sized directory (118,287 images) quick to write.
int dimension = args.Length > 2 ? int.Parse(args[2], inv) : 512;
string[] categories = ["animal", "human", "nature", "sport", "vehicle"];
string[] levels = ["sigma-0", "sigma-1", "sigma-2", "sigma-3", "sigma-4", "sigma-5"];
const int Captions = 5;
var random = new Random(7);
if (Directory.Exists(root))
{
    Directory.Delete(root, recursive: true);
}

var clock = Stopwatch.StartNew();
int[] counts = [.. categories.Select((_, i) => (total / categories.Length) + (i < total % categories.Length ? 1 : 0))];
var centres = categories.Select(_ => Enumerable.Range(0, dimension).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
var positions = new List<(string Cat, int Row, double X, double Y)>();
for (int c = 0; c < categories.Length; c++)
{
    string cat = categories[c];
    Directory.CreateDirectory(Path.Combine(root, "captions"));
    Directory.CreateDirectory(Path.Combine(root, "texts"));
    Directory.CreateDirectory(Path.Combine(root, "thumbnails", cat));
    var captions = new StringBuilder();
    for (int r = 0; r < counts[c]; r++)
    {
        captions.Append(string.Join('\t', Enumerable.Range(0, Captions).Select(k => $"A synthetic {cat} picture number {r}, caption {k}, with a few more words as captions have .")).Append('\n'));
        // A 48 × 36 thumbnail: a smooth gradient with some noise, about 1.5 KB as JPEG quality 80.
        using var image = new Image<Rgb24>(48, 36);
        int hue = random.Next(256);
        for (int y = 0; y < 36; y++)
        {
            for (int x = 0; x < 48; x++)
            {
                image[x, y] = new Rgb24((byte)((hue + (x * 3) + random.Next(40)) & 255), (byte)((y * 6) + random.Next(40)), (byte)(((c * 50) + random.Next(60)) & 255));
            }
        }

        image.SaveAsJpeg(Path.Combine(root, "thumbnails", cat, r.ToString(inv) + ".jpg"), new JpegEncoder { Quality = 80 });
        double angle = (2 * Math.PI * c / categories.Length) + (random.NextDouble() * 0.9), radius = 3 + (random.NextDouble() * 4);
        positions.Add((cat, r, radius * Math.Cos(angle), radius * Math.Sin(angle)));
    }

    File.WriteAllText(Path.Combine(root, "captions", cat + ".txt"), captions.ToString());
    NpyFile.WriteSingle(Path.Combine(root, "texts", cat + ".npy"), Vectors(centres[c], counts[c] * Captions, 0.8), counts[c] * Captions, dimension);
    for (int l = 0; l < levels.Length; l++)
    {
        string dir = Path.Combine(root, "embeddings", levels[l]);
        Directory.CreateDirectory(dir);
        NpyFile.WriteSingle(Path.Combine(dir, cat + ".npy"), Vectors(centres[c], counts[c], 0.5 + (0.1 * l)), counts[c], dimension);
        File.WriteAllText(Path.Combine(dir, cat + ".ids.txt"), string.Concat(Enumerable.Range(0, counts[c]).Select(r => $"Images/{cat}_{r:D5}.jpg\n")));
    }
}

float[] Vectors(double[] centre, int n, double spread)
{
    var v = new float[n * dimension];
    for (int i = 0; i < n; i++)
    {
        double norm = 0;
        for (int j = 0; j < dimension; j++)
        {
            double x = centre[j] + (spread * (random.NextDouble() - 0.5));
            v[(i * dimension) + j] = (float)x;
            norm += x * x;
        }

        for (int j = 0; j < dimension; j++)
        {
            v[(i * dimension) + j] /= (float)Math.Sqrt(norm);
        }
    }

    return v;
}

// Diagrams: 1,000 points per category (the sweep's maxPoints), H0 and H1 of plausible sizes.
var wasserstein = new StringBuilder("category,dim,level_a,level_b,kind,order,ground,statistic,distance,ci_low,ci_high,null_mean\n");
var angles = new StringBuilder("level,category_a,category_b,k,largest_deg,mean_deg,smallest_deg,grassmann,ci_low,ci_high,null_mean\n");
var similarity = new StringBuilder("level,statistic,category,value,ci_low,ci_high\n");
for (int l = 0; l < levels.Length; l++)
{
    foreach (string cat in categories.Prepend("global"))
    {
        var text = new StringBuilder("dim,birth,death\n");
        for (int i = 0; i < 999; i++)
        {
            text.Append(inv, $"0,0,{0.2 + (0.3 * random.NextDouble()):R}\n");
        }

        text.Append("0,0,inf\n");
        for (int i = 0; i < 300; i++)
        {
            double b = 0.3 + (0.2 * random.NextDouble());
            text.Append(inv, $"1,{b:R},{b + (0.05 * random.NextDouble()):R}\n");
        }

        Directory.CreateDirectory(Path.Combine(root, "diagrams", levels[l]));
        File.WriteAllText(Path.Combine(root, "diagrams", levels[l], cat + ".csv"), text.ToString());
        if (l > 0)
        {
            for (int dim = 0; dim <= 1; dim++)
            {
                double d = 0.1 * l * (1 + random.NextDouble());
                wasserstein.Append(inv, $"{cat},{dim},sigma-0,{levels[l]},wasserstein,1,inf,,{d:R},{d * 0.8:R},{d * 1.2:R},{0.05:R}\n");
            }
        }
    }

    for (int a = 0; a < categories.Length; a++)
    {
        for (int b = a + 1; b < categories.Length; b++)
        {
            double m = 40 + (30 * random.NextDouble());
            angles.Append(inv, $"{levels[l]},{categories[a]},{categories[b]},all,{m + 20:R},{m:R},{m - 20:R},{m / 30:R},{m - 2:R},{m + 2:R},{m - 5:R}\n");
        }
    }

    foreach (string s in new[] { "image_image_mean", "intra_mean", "inter_mean", "image_text_mean", "modality_gap" })
    {
        similarity.Append(inv, $"{levels[l]},{s},all,{0.2 + (0.5 * random.NextDouble()):R},,\n");
    }
}

File.WriteAllText(Path.Combine(root, "wasserstein.csv"), wasserstein.ToString());
File.WriteAllText(Path.Combine(root, "subspace_angles.csv"), angles.ToString());
File.WriteAllText(Path.Combine(root, "similarity.csv"), similarity.ToString());
for (int l = 0; l < levels.Length; l++)
{
    var points = positions.Select(p => new ProjectionPoint(p.Cat, p.Row, -1, p.X + (0.1 * l * (random.NextDouble() - 0.5)), p.Y + (0.1 * l * (random.NextDouble() - 0.5)))).ToList();
    if (l == 0)
    {
        points.AddRange(positions.SelectMany(p => Enumerable.Range(0, Captions).Select(k => new ProjectionPoint(p.Cat, p.Row, k, (p.X * 0.6) + 4, (p.Y * 0.6) + random.NextDouble()))));
    }

    ProjectionFile.Write(root, levels[l], points);
}

var results = new Dictionary<string, object>
{
    ["format"] = "clipgeo.results/1", ["sweepId"] = "bench-flickr8k-synthetic",
    ["spec"] = new Dictionary<string, object> { ["levels"] = levels, ["metric"] = "cosine" },
    ["model"] = new Dictionary<string, object> { ["name"] = "synthetic", ["hasTextTower"] = true, ["dimension"] = dimension },
    ["dataset"] = new Dictionary<string, object> { ["images"] = total, ["captionsPerImage"] = Captions, ["counts"] = categories.Select((c, i) => (c, counts[i])).ToDictionary(x => x.c, x => x.Item2) },
    ["globalOrder"] = categories, ["skipped"] = Array.Empty<object>(), ["timings"] = new Dictionary<string, double> { ["total"] = 1 },
};
File.WriteAllText(Path.Combine(root, "results.json"), JsonSerializer.Serialize(results));
Console.WriteLine(string.Create(inv, $"synthetic results directory: {total:N0} images, {levels.Length} levels, written in {clock.Elapsed.TotalSeconds:F1} s"));

clock.Restart();
var outcome = ReportGenerator.Generate(root, null, null);
double generate = clock.Elapsed.TotalSeconds;
long thumbs = Directory.EnumerateFiles(Path.Combine(root, "thumbnails"), "*.jpg", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
Console.WriteLine(string.Create(inv, $"report.html: {outcome.Bytes / 1048576.0:F2} MiB (limit 25 MB), thumbnails {thumbs / 1024.0 / total:F2} KiB each on average, written in {generate:F2} s, {outcome.Problems.Count} problems"));

string profile = Path.Combine(Path.GetTempPath(), "clipgeo-bench-chromium-" + Environment.ProcessId.ToString(inv));
await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
{
    ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium",
    Headless = true,
    UserDataDir = profile,
    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile],
    Timeout = 120_000,
});
var loads = new List<double>();
IPage page = null!;
for (int run = 0; run < 3; run++)
{
    page = await browser.NewPageAsync();
    await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
    await page.GoToAsync(new Uri(outcome.Path).AbsoluteUri, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 120_000 });
    await page.WaitForFunctionAsync("() => window.clipgeoReport && window.clipgeoReport.ready");
    loads.Add(await page.EvaluateFunctionAsync<double>("() => performance.now()"));
    if (run < 2)
    {
        await page.CloseAsync();
    }
}

var hover = await page.EvaluateFunctionAsync<JsonElement>(@"() => {
  const canvas = document.getElementById('map'), rect = canvas.getBoundingClientRect(), pts = window.clipgeoReport.points();
  // The control: after each hover, the same event sent to an element whose handler only spins for 0.25 ms (about
  // twice the hover's median, touching no DOM). Its tail is what the machine alone adds (the browser descheduled
  // mid-event); a hover tail no longer than the control's is the machine's, not the report's.
  const control = document.createElement('div'), empty = [];
  document.body.appendChild(control);
  control.addEventListener('mousemove', function () { const t = performance.now(); while (performance.now() - t < 0.25) { } });
  const times = [], worst = { hit: 0, miss: 0 }; let shown = 0;
  for (let i = 0; i < 500; i++) {
    const p = pts[(i * 7919) % pts.length], x = i % 2 ? p.x : rect.left + Math.random() * rect.width, y = i % 2 ? p.y : rect.top + Math.random() * rect.height;
    const t0 = performance.now();
    canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
    const t = performance.now() - t0;
    times.push(t);
    const c0 = performance.now();
    control.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
    empty.push(performance.now() - c0);
    const hit = !document.getElementById('tooltip').hidden;
    if (hit) shown++;
    worst[hit ? 'hit' : 'miss'] = Math.max(worst[hit ? 'hit' : 'miss'], t);
  }
  times.sort((a, b) => a - b);
  empty.sort((a, b) => a - b);
  return { median: times[250], p99: times[495], max: times[499], shown, points: pts.length, worstHit: worst.hit, worstMiss: worst.miss,
    controlMedian: empty[250], controlP99: empty[495], controlMax: empty[499] };
}");
loads.Sort();
Console.WriteLine(string.Create(inv, $"load in headless Chromium (navigation start to map drawn): median {loads[1]:F0} ms of 3 ({string.Join(", ", loads.Select(l => l.ToString("F0", inv)))})"));
Console.WriteLine(string.Create(inv, $"hover over {hover.GetProperty("points").GetInt32():N0} drawn points: median {hover.GetProperty("median").GetDouble():F2} ms, p99 {hover.GetProperty("p99").GetDouble():F2} ms, max {hover.GetProperty("max").GetDouble():F2} ms (limit 50 ms); tooltip shown for {hover.GetProperty("shown").GetInt32()} of 500; worst with a tooltip {hover.GetProperty("worstHit").GetDouble():F2} ms, without {hover.GetProperty("worstMiss").GetDouble():F2} ms"));
Console.WriteLine(string.Create(inv, $"control (the same events to a handler that spins 0.25 ms, interleaved): median {hover.GetProperty("controlMedian").GetDouble():F2} ms, p99 {hover.GetProperty("controlP99").GetDouble():F2} ms, max {hover.GetProperty("controlMax").GetDouble():F2} ms"));
if (File.Exists("/proc/loadavg"))
{
    Console.WriteLine($"machine load average (1 min) while measuring: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
}

await browser.CloseAsync();
try
{
    Directory.Delete(profile, recursive: true);
}
catch (IOException)
{
    // Chromium may hold a lock file for a moment; the profile is in the temp folder.
}
