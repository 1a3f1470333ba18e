using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Embedding.Datasets;
using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.Perturbations;

// bench/blur: `generate FOLDER N` writes N demo JPEGs of 500×375 (Flickr8k's typical size);
// `run FOLDER SIGMA` decodes and blurs every JPEG in FOLDER/Images on one thread and prints the time.
if (args.Length == 3 && args[0] == "generate")
{
    int n = int.Parse(args[2], CultureInfo.InvariantCulture);
    DemoDatasetGenerator.Generate(args[1], new DemoDatasetOptions
    {
        Seed = 1,
        ImagesPerCategory = (n + 4) / 5,
        Width = 500,
        Height = 375,
        Overwrite = true,
    });
    return 0;
}

if (args.Length == 3 && args[0] == "run")
{
    var files = Directory.GetFiles(Path.Combine(args[1], "Images"), "*.jpg");
    Array.Sort(files, StringComparer.Ordinal);
    var blur = new GaussianBlur(double.Parse(args[2], CultureInfo.InvariantCulture));
    var decoder = new ImageDecoder();
    var watch = Stopwatch.StartNew();
    long checksum = 0;
    foreach (string file in files)
    {
        using var result = decoder.Load(file);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine(result.Error);
            return 1;
        }

        blur.Apply(result.Image, 0);
        checksum += result.Image[result.Image.Width / 2, result.Image.Height / 2].R;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"clipgeo: {files.Length} images decoded and blurred (sigma {blur.Sigma}) in {watch.Elapsed.TotalSeconds:F3} s, checksum {checksum}"));
    return 0;
}

if (args.Length == 3 && args[0] == "blur-only")
{
    // The blur alone: the first 20 images decoded once, each blurred 10 times (copies), best of three rounds.
    var files = Directory.GetFiles(Path.Combine(args[1], "Images"), "*.jpg");
    Array.Sort(files, StringComparer.Ordinal);
    var decoder = new ImageDecoder();
    var images = files.Take(20).Select(f => decoder.Load(f).DetachImage()).ToList();
    var blur = new GaussianBlur(double.Parse(args[2], CultureInfo.InvariantCulture));
    double best = double.MaxValue;
    for (int round = 0; round < 3; round++)
    {
        var watch = Stopwatch.StartNew();
        foreach (var image in images)
        {
            for (int i = 0; i < 10; i++)
            {
                using var copy = image.Clone();
                blur.Apply(copy, 0);
            }
        }

        best = Math.Min(best, watch.Elapsed.TotalMilliseconds / (images.Count * 10));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"clipgeo blur only: {best:F2} ms per {images[0].Width}x{images[0].Height} image (sigma {blur.Sigma}, radius {blur.Radius}, best of 3 rounds)"));
    return 0;
}

Console.Error.WriteLine("usage: BlurBench generate FOLDER N | BlurBench run FOLDER SIGMA | BlurBench blur-only FOLDER SIGMA");
return 2;
