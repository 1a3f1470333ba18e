using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Geometry.Projections;
using ClipGeometry.Geometry.Tests.Projections;

// Usage: ProjectionBench run DATASET umap|tsne OUT.csv   -> "clipgeo METHOD DATASET SECONDS T15", layout to OUT.csv
//        ProjectionBench trust DATASET LAYOUT.csv         -> "T15" of a layout written by reference.py
//        ProjectionBench knn DATASET                      -> "knn DATASET EXACT_S DESCENT_S RECALL15" (k = 15)
//        ProjectionBench knn DATASET SAMPLE               -> "knn DATASET - DESCENT_S RECALL14" (the 14 other
//                                                            neighbours of SAMPLE random rows searched exactly)
// DATASET: digits (1,797 x 64, Euclidean), clustersN (N unit vectors in R^512 in 10 clusters, cosine for UMAP),
//          clustersN-C (the same in C clusters).
// The seconds cover the whole fit (neighbours, initialisation, optimisation), after a small warm-up fit.
string mode = args[0];
string dataset = args[1];
var (points, rows, columns, metric) = Load(dataset, args.Length > 4 ? args[4] : null);
if (mode == "trust")
{
    var layout = File.ReadAllLines(args[2]).Skip(1).SelectMany(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))).ToArray();
    Console.WriteLine(Trustworthiness.Compute(points, rows, columns, layout, 2, 15, metric).ToString("F4", CultureInfo.InvariantCulture));
    return;
}

if (mode == "knn")
{
    var small = ClusteredUnitVectors.Generate(300, 32, 3, 0.1, 1);
    _ = NearestNeighbors.Exact(small, 300, 32, 15, ProjectionMetric.Cosine);
    _ = NearestNeighbors.Descent(small, 300, 32, 15, ProjectionMetric.Cosine, 42);
    var clock = Stopwatch.StartNew();
    if (args.Length > 2)
    {
        var sampled = NearestNeighbors.Descent(points, rows, columns, 15, metric, 42);
        double sampledSeconds = clock.Elapsed.TotalSeconds;
        var random = new Random(7);
        var queries = Enumerable.Range(0, rows).OrderBy(_ => random.Next()).Take(int.Parse(args[2], CultureInfo.InvariantCulture)).ToArray();
        double sampledRecall = NearestNeighbors.SampledRecall(sampled, points, columns, metric, queries);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"knn {dataset} - {sampledSeconds:F2} {sampledRecall:F4}"));
        return;
    }

    var exact = NearestNeighbors.Exact(points, rows, columns, 15, metric);
    double exactSeconds = clock.Elapsed.TotalSeconds;
    clock.Restart();
    var descent = NearestNeighbors.Descent(points, rows, columns, 15, metric, 42);
    double descentSeconds = clock.Elapsed.TotalSeconds;
    double recall = NearestNeighbors.Recall(descent, exact);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"knn {dataset} {exactSeconds:F2} {descentSeconds:F2} {recall:F4}"));
    return;
}

string method = args[2];
var warm = ClusteredUnitVectors.Generate(300, 32, 3, 0.1, 1);
_ = Umap.Fit(warm, 300, 32, new UmapOptions { Epochs = 20 });
_ = Tsne.Fit(warm, 300, 32, new TsneOptions { Iterations = 20 });
var watch = Stopwatch.StartNew();
IProgress<string>? progress = Environment.GetEnvironmentVariable("PROJECTION_BENCH_PROGRESS") is null
    ? null
    : new Stages(watch);
double[] result = method == "umap"
    ? Umap.Fit(points, rows, columns, new UmapOptions { Metric = metric, Seed = 42 }, progress).Embedding
    : Tsne.Fit(points, rows, columns, new TsneOptions { Seed = 42 }, progress);
double seconds = watch.Elapsed.TotalSeconds;
using (var writer = new StreamWriter(args[3]))
{
    writer.WriteLine("x,y");
    for (int i = 0; i < rows; i++)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result[2 * i]:R},{result[(2 * i) + 1]:R}"));
    }
}

double t = Trustworthiness.Compute(points, rows, columns, result, 2, 15, metric);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clipgeo {method} {dataset} {seconds:F2} {t:F4}"));

static (float[] Points, int Rows, int Columns, ProjectionMetric Metric) Load(string dataset, string? unused)
{
    if (dataset == "digits")
    {
        string root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "tests")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("The repository root (with tests/) is not above the benchmark.");
        }

        var lines = File.ReadAllLines(Path.Combine(root, "tests", "Geometry.Tests", "Golden", "projections", "digits.csv")).Skip(1);
        var values = lines.SelectMany(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture))).ToArray();
        return (values, values.Length / 64, 64, ProjectionMetric.Euclidean);
    }

    var parts = dataset["clusters".Length..].Split('-');
    int n = int.Parse(parts[0], CultureInfo.InvariantCulture);
    int clusters = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 10;
    return (ClusteredUnitVectors.Generate(n, clusters: clusters), n, 512, ProjectionMetric.Cosine);
}

/// <summary>Stage messages with the elapsed seconds on stderr (PROJECTION_BENCH_PROGRESS set).</summary>
internal sealed class Stages(Stopwatch watch) : IProgress<string>
{
    public void Report(string value) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds,8:F2} s  {value}"));
}
