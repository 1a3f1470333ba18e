using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Embedding.Preprocessing;
using PreprocessBench;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

// CLIP preprocessing alone, one thread: the previous implementation (LegacyClipPreprocessor, a frozen copy) against
// ClipPreprocessor on the same decoded images. Rounds alternate old/new so that machine noise hits both alike;
// the medians over rounds are reported. Every image's output is compared bit for bit first.
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

double Time(Action<Image<Rgb24>> process)
{
    var watch = Stopwatch.StartNew();
    foreach (var image in images)
    {
        process(image);
    }

    return watch.Elapsed.TotalMilliseconds / images.Length;
}

void Old(Image<Rgb24> image) => legacy.Process(image, a);
void New(Image<Rgb24> image) => current.Process(image, b);

for (int i = 0; i < 3; i++)
{
    Time(Old); // warm-up: tiered JIT, PGO
    Time(New);
}

var olds = new List<double>();
var news = new List<double>();
for (int r = 0; r < rounds; r++)
{
    olds.Add(Time(Old));
    news.Add(Time(New));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {r + 1}: old {olds[^1]:F3} ms/image, new {news[^1]:F3} ms/image"));
}

static double Median(List<double> v)
{
    var s = v.Order().ToArray();
    return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
}

double mo = Median(olds), mn = Median(news);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median of {rounds} rounds over {images.Length} images ({images[0].Width}x{images[0].Height}), one thread: old {mo:F3} ms/image, new {mn:F3} ms/image, speed-up {mo / mn:F2}x"));
foreach (var image in images)
{
    image.Dispose();
}

return mismatches == 0 ? 0 : 1;
