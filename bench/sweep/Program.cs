using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Embedding.Datasets;
using ClipGeometry.Grains;
using ClipGeometry.Grains.Hosting;
using ClipGeometry.Sweep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: SweepBench WORKDIR [images-per-category] [bootstrap] [model]. Generates the demo dataset, then runs the
// same sweep twice, each with a fresh artifact store (so each embeds everything): by direct library calls in one
// loop (SweepLoop), and through the grains on an in-process silo (what clipgeo demo does). Prints both wall times,
// the overhead ratio, and whether the diagrams and CSVs are byte-identical.
string work = args[0];
int perCategory = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 24;
int bootstrap = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
string model = args.Length > 3 ? args[3] : "resnet18";
string dataset = Path.Combine(work, "dataset");
if (!File.Exists(Path.Combine(dataset, "captions.txt")))
{
    DemoDatasetGenerator.Generate(dataset, new DemoDatasetOptions { ImagesPerCategory = perCategory });
}

var spec = new SweepSpec { Dataset = dataset, Model = model, Bootstrap = bootstrap, ShardSize = 8 };

var loopStore = new ArtifactStore(Path.Combine(work, "store-loop-" + Guid.NewGuid().ToString("N")));
var clock = Stopwatch.StartNew();
string loopResults = loopStore.PathOf(SweepLoop.Run(loopStore, "bench", spec));
double loop = clock.Elapsed.TotalSeconds;

string grainStore = Path.Combine(work, "store-grains-" + Guid.NewGuid().ToString("N"));
clock.Restart();
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.UseOrleans(silo => ClipGeometrySiloConfiguration.Configure(silo, new ClipGeometrySiloOptions { StoreDirectory = grainStore }));
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

double grains = clock.Elapsed.TotalSeconds;
await host.StopAsync();
if (status.Phase != "finished")
{
    Console.Error.WriteLine($"the grain sweep {status.Phase}: {status.Error}");
    return 1;
}

string grainResults = new ArtifactStore(grainStore).PathOf(SweepPaths.Results("bench"));
bool identical = Directory.GetFiles(loopResults, "*.csv", SearchOption.AllDirectories)
    .All(f => File.ReadAllBytes(f).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(grainResults, Path.GetRelativePath(loopResults, f)))));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"sweep ({perCategory * 5} images x 6 levels, bootstrap {bootstrap}, {model}): direct loop {loop:F1} s, grains in process {grains:F1} s, overhead {(grains / loop) - 1:P1}, results identical: {identical}"));
return 0;
