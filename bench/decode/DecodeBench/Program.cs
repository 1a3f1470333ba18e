using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ClipGeometry.Embedding.Images;
using SixLabors.ImageSharp.Advanced;

// Decodes every JPEG in DIR from memory, one thread, with clipgeo's ImageDecoder (the product path: Identify,
// limits, truncation check, decode) using libjpeg-turbo and using ImageSharp, in alternating rounds; prints the
// median CPU ms per image of each (process CPU time), and how many images each decodes bit-identically to PIL (DIR/pil.sha256, written by
// reference.py).
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: DecodeBench DIR [ROUNDS]");
    return 2;
}

string dir = args[0];
int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
var files = Directory.GetFiles(dir, "*.jpg").Order(StringComparer.Ordinal).ToArray();
var bytes = files.Select(File.ReadAllBytes).ToArray();
var pil = File.Exists(Path.Combine(dir, "pil.sha256"))
    ? File.ReadAllLines(Path.Combine(dir, "pil.sha256")).Select(l => l.Split(' ')).ToDictionary(p => p[1], p => p[0], StringComparer.Ordinal)
    : [];

var decoders = new (string Name, ImageDecoder Decoder)[]
{
    ("libjpeg-turbo", new ImageDecoder()),
    ("ImageSharp", new ImageDecoder(new ImageDecoderOptions { JpegDecoding = JpegDecoding.ImageSharp })),
};
if (!decoders[0].Decoder.UsesTurboJpeg)
{
    Console.Error.WriteLine("DecodeBench: libturbojpeg.so.0 is not loaded; install libturbojpeg0.");
    return 1;
}

Console.WriteLine($"{files.Length} JPEGs, {rounds} rounds, one thread; {decoders[0].Decoder.JpegDecoder}");
foreach (var (name, decoder) in decoders)
{
    int exact = 0;
    for (int i = 0; i < files.Length; i++)
    {
        using var result = decoder.Load(new MemoryStream(bytes[i], writable: false), files[i]);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"DecodeBench: {result.Error}");
            return 1;
        }

        var image = result.Image;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int y = 0; y < image.Height; y++)
        {
            hash.AppendData(MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span));
        }

        exact += pil.TryGetValue(Path.GetFileName(files[i]), out string? expected) && expected == Convert.ToHexStringLower(hash.GetHashAndReset()) ? 1 : 0;
    }

    Console.WriteLine($"{name}: bit-identical to PIL on {exact} of {files.Length}");
}

var times = decoders.Select(_ => new List<double>()).ToArray();
for (int round = 0; round < rounds; round++)
{
    for (int d = 0; d < decoders.Length; d++)
    {
        var decoder = decoders[d].Decoder;
        // Process CPU time, as reference.py measures PIL: robust to other work on a shared machine.
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var start = process.TotalProcessorTime;
        foreach (byte[] b in bytes)
        {
            using var result = decoder.Load(new MemoryStream(b, writable: false), "bench.jpg");
        }

        process.Refresh();
        times[d].Add((process.TotalProcessorTime - start).TotalMilliseconds / bytes.Length);
    }
}

for (int d = 0; d < decoders.Length; d++)
{
    times[d].Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{decoders[d].Name}: {times[d][times[d].Count / 2]:F3} ms per image (median of {rounds})"));
}

return 0;
