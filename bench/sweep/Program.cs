using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Embedding.Datasets;
using ClipGeometry.Grains;
using ClipGeometry.Grains.Hosting;
using ClipGeometry.Sweep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: SweepBench WORKDIR [images-per-category] [bootstrap] [model] [rounds] (0 rounds: only generate the dataset).
// The cluster's overhead: the demo sweep by direct library calls in one loop (SweepLoop) against the same sweep through the grains on an in-process
// silo (what clipgeo demo does, the silo's start included). Each run gets a fresh artifact store, so each embeds and
// computes everything, as a first demo does: the ratio is then about the whole sweep, which is what the user waits
// for. (Reusing stored vectors under a fresh sweep id would leave persistence and metrics only, and no longer
// compare the demo.) One untimed run of each first (JIT, page cache, ONNX Runtime's first session), then the two
// alternate for R rounds, so that the machine's drift falls on both. Prints every run, the medians, the ratio
// grains/loop, and whether every numeric result file of every run is byte-identical to the first loop's.
string work = args[0];
int perCategory = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 24;
int bootstrap = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
string model = args.Length > 3 ? args[3] : "resnet18";
int rounds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
if (rounds < 0)
{
    Console.Error.WriteLine($"rounds must be 0 (only generate WORKDIR/dataset, as bench/cluster does) or more, not {rounds}.");
    return 2;
}

string dataset = Path.Combine(work, "dataset");
if (!File.Exists(Path.Combine(dataset, "captions.txt")))
{
    DemoDatasetGenerator.Generate(dataset, new DemoDatasetOptions { ImagesPerCategory = perCategory });
}

if (rounds == 0)
{
    return 0;
}

var spec = new SweepSpec { Dataset = dataset, Model = model, Bootstrap = bootstrap, ShardSize = 8 };
string? reference = null;
var mismatches = new List<string>();

(double Seconds, string Results) Loop()
{
    var store = new ArtifactStore(Path.Combine(work, "store-loop-" + Guid.NewGuid().ToString("N")));
    var clock = Stopwatch.StartNew();
    string results = store.PathOf(SweepLoop.Run(store, "bench", spec));
    return (clock.Elapsed.TotalSeconds, results);
}

async Task<(double Seconds, string Results)> Grains()
{
    string storeFolder = Path.Combine(work, "store-grains-" + Guid.NewGuid().ToString("N"));
    var clock = Stopwatch.StartNew();
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.UseOrleans(silo => ClipGeometrySiloConfiguration.Configure(silo, new ClipGeometrySiloOptions { StoreDirectory = storeFolder }));
    using var host = builder.Build();
    await host.StartAsync();
    var coordinator = host.Services.GetRequiredService<IClusterClient>().GetGrain<ISweepCoordinatorGrain>("bench");
    await coordinator.Submit(spec.ToJson(), "in-process");
    SweepStatus status;
    do
    {
        await Task.Delay(200);
        status = await coordinator.GetStatus();
    }
    while (!status.IsOver);

    double seconds = clock.Elapsed.TotalSeconds;
    await host.StopAsync();
    if (status.Phase != "finished")
    {
        throw new InvalidOperationException($"the grain sweep {status.Phase}: {status.Error}");
    }

    return (seconds, new ArtifactStore(storeFolder).PathOf(SweepPaths.Results("bench")));
}

// The files whose bytes do not depend on how the sweep ran (results.json holds timings and silos).
static bool IsNumeric(string relative) =>
    relative.StartsWith("diagrams/", StringComparison.Ordinal) || relative.StartsWith("embeddings/", StringComparison.Ordinal)
    || relative is "wasserstein.csv" or "subspace_angles.csv" or "similarity.csv";

static List<string> NumericFiles(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
    .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Where(IsNumeric).Order(StringComparer.Ordinal).ToList();

void Compare(string what, string results)
{
    if (reference is null)
    {
        reference = results;
        return;
    }

    var expected = NumericFiles(reference);
    var got = NumericFiles(results);
    if (!expected.SequenceEqual(got))
    {
        mismatches.Add($"{what}: {got.Count} numeric files, the first loop wrote {expected.Count}");
        return;
    }

    mismatches.AddRange(expected
        .Where(f => !File.ReadAllBytes(Path.Combine(reference, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(results, f))))
        .Select(f => $"{what}: {f} differs"));
}

string F(double x) => x.ToString("F1", CultureInfo.InvariantCulture);

Console.WriteLine($"sweep: {perCategory * 5} images x {spec.Levels.Count} levels, bootstrap {bootstrap}, {model}; {rounds} rounds after one warm-up of each");
var warmLoop = Loop();
Compare("warm-up loop", warmLoop.Results);
var warmGrains = await Grains();
Compare("warm-up grains", warmGrains.Results);
Console.WriteLine($"warm-up (untimed): loop {F(warmLoop.Seconds)} s, grains {F(warmGrains.Seconds)} s");
var loops = new List<double>();
var grains = new List<double>();
for (int r = 1; r <= rounds; r++)
{
    var l = Loop();
    Compare($"round {r} loop", l.Results);
    var g = await Grains();
    Compare($"round {r} grains", g.Results);
    loops.Add(l.Seconds);
    grains.Add(g.Seconds);
    Console.WriteLine($"round {r}: loop {F(l.Seconds)} s, grains {F(g.Seconds)} s, ratio {(g.Seconds / l.Seconds).ToString("F3", CultureInfo.InvariantCulture)}");
}

static double Median(List<double> xs)
{
    var s = xs.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
}

double ml = Median(loops);
double mg = Median(grains);
Console.WriteLine($"median: direct loop {F(ml)} s, grains in process {F(mg)} s, ratio grains/loop {(mg / ml).ToString("F3", CultureInfo.InvariantCulture)} (overhead {((mg / ml) - 1).ToString("P1", CultureInfo.InvariantCulture)} of the loop's wall time)");
Console.WriteLine(mismatches.Count == 0
    ? $"results identical: true (every numeric file of {(2 * rounds) + 2} runs equals the first loop's, byte for byte)"
    : "results identical: false\n  " + string.Join("\n  ", mismatches));
return mismatches.Count == 0 ? 0 : 1;
