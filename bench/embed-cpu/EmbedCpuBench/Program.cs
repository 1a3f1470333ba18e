using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.Perturbations;
using ClipGeometry.Embedding.Preprocessing;

// clipgeo's CPU image path on one thread: decode (ImageDecoder) → GaussianBlur(σ = 3) → CLIP preprocessing into a
// reused float buffer. Prints images per CPU-second and per wall-second over all *.jpg in the folder given.
if (args.Length < 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: EmbedCpuBench IMAGE_DIR");
    return 2;
}

string[] paths = Directory.GetFiles(args[0], "*.jpg").Order(StringComparer.Ordinal).ToArray();
var decoder = new ImageDecoder();
var blur = new GaussianBlur(3.0);
var preprocessor = new ClipPreprocessor();
var output = new float[paths.Length * preprocessor.ValuesPerImage];

void One(int i)
{
    using var load = decoder.Load(paths[i]);
    if (!load.Succeeded)
    {
        throw new InvalidDataException(load.Error!.ToString());
    }

    blur.Apply(load.Image, (ulong)i);
    preprocessor.Process(load.Image, output.AsSpan(i * preprocessor.ValuesPerImage, preprocessor.ValuesPerImage));
}

for (int i = 0; i < Math.Min(10, paths.Length); i++)
{
    One(i); // warm-up (JIT)
}

var process = Process.GetCurrentProcess();
TimeSpan cpu0 = process.TotalProcessorTime;
var wall = Stopwatch.StartNew();
for (int i = 0; i < paths.Length; i++)
{
    One(i);
}

wall.Stop();
process.Refresh();
double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"clipgeo: {paths.Length} images, {wall.Elapsed.TotalSeconds:F3} s wall, {cpu:F3} s CPU, {paths.Length / cpu:F2} images per CPU-second, {paths.Length / wall.Elapsed.TotalSeconds:F2} images/s wall"));
return 0;
