using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Embedding.Preprocessing;
using PreprocessBench;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

// CLIP preprocessing alone, one thread: the previous implementation (LegacyClipPreprocessor, a frozen copy) against
// ClipPreprocessor on the same decoded images. Rounds alternate old/new so that machine noise hits both alike;
// the medians over rounds are reported, of CPU time (the process's, single-threaded work: on a loaded machine wall
// time also counts the time the thread waits for a core) and of wall time. Every image's output is compared bit for
// bit first.
if (args.Length < 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: PreprocessBench IMAGE_DIR [ROUNDS]");
    return 2;
}

int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
string[] paths = Directory.GetFiles(args[0], "*.jpg").Order(StringComparer.Ordinal).ToArray();
var images = paths.Select(Image.Load<Rgb24>).ToArray();
var legacy = new LegacyClipPreprocessor();
var current = new ClipPreprocessor();
var a = new float[current.ValuesPerImage];
var b = new float[current.ValuesPerImage];

int mismatches = 0;
foreach (var image in images)
{
    legacy.Process(image, a);
    current.Process(image, b);
    if (!a.AsSpan().SequenceEqual(b))
    {
        mismatches++;
    }
}

Console.WriteLine($"bit-identical outputs: {images.Length - mismatches} of {images.Length} images");

var self = Process.GetCurrentProcess();

(double Cpu, double Wall) Time(Action<Image<Rgb24>> process)
{
    self.Refresh();
    var cpu0 = self.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    foreach (var image in images)
    {
        process(image);
    }

    watch.Stop();
    self.Refresh();
    return ((self.TotalProcessorTime - cpu0).TotalMilliseconds / images.Length, watch.Elapsed.TotalMilliseconds / images.Length);
}

void Old(Image<Rgb24> image) => legacy.Process(image, a);
void New(Image<Rgb24> image) => current.Process(image, b);

for (int i = 0; i < 3; i++)
{
    Time(Old); // warm-up: tiered JIT, PGO
    Time(New);
}

var olds = new List<(double Cpu, double Wall)>();
var news = new List<(double Cpu, double Wall)>();
for (int r = 0; r < rounds; r++)
{
    olds.Add(Time(Old));
    news.Add(Time(New));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round {r + 1}: old {olds[^1].Cpu:F3} ms/image CPU ({olds[^1].Wall:F3} wall), new {news[^1].Cpu:F3} ms/image CPU ({news[^1].Wall:F3} wall)"));
}

static double Median(IEnumerable<double> values)
{
    var s = values.Order().ToArray();
    return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
}

double oc = Median(olds.Select(t => t.Cpu)), nc = Median(news.Select(t => t.Cpu));
double ow = Median(olds.Select(t => t.Wall)), nw = Median(news.Select(t => t.Wall));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median of {rounds} rounds over {images.Length} images ({images[0].Width}x{images[0].Height}), one thread: old {oc:F3} ms/image CPU, new {nc:F3} ms/image CPU, speed-up {oc / nc:F2}x (wall: old {ow:F3}, new {nw:F3}, {ow / nw:F2}x)"));
foreach (var image in images)
{
    image.Dispose();
}

return mismatches == 0 ? 0 : 1;
