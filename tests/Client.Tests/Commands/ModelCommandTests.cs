using System.Text.Json;
using ClipGeometry.Client.Tests.Cli;
using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Client.Tests.Commands;

/// <summary>End-to-end tests of tokenize, preprocess, embed images and embed texts on the shared tiny CLIP fixture.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("clipgeo-cmd").FullName;

    private static string TinyClip => Path.Combine(RepositoryPaths.Fixtures(), "tiny-clip");

    private static string[] Images => new[] { "pub_china.jpg", "pub_hopper.jpg", "pub_rgba.png" }.Select(n => Path.Combine(TinyClip, "images", n)).ToArray();

    public void Dispose() => Directory.Delete(_temp, true);

    [Fact]
    public void TokenizePrintsTheReferenceIdsOnePerLine()
    {
        string[] captions = File.ReadAllLines(Path.Combine(TinyClip, "captions.txt")).Where(l => l.Length > 0).ToArray();
        var run = CliRun.Invoke(["tokenize", "--model", TinyClip, .. captions]);
        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TinyClip, "ref_tokens.json")));
        string[] expected = doc.RootElement.GetProperty("ids").EnumerateArray()
            .Select(r => string.Join(' ', r.EnumerateArray().Select(v => v.GetInt32()))).ToArray();
        Assert.Equal(expected, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void TokenizeFindsTheVocabularyInTheParentOfSeparateEncoders()
    {
        var run = CliRun.Invoke("tokenize", "--model", Path.Combine(TinyClip, "separate"), "a photo of a dog");
        Assert.Equal(0, run.Exit);
        Assert.Equal("49406 320 1125 539 320 1929 49407", run.Out.Trim());
    }

    [Fact]
    public void TokenizeReadsOpenAisMergesFile()
    {
        var run = CliRun.Invoke("tokenize", "--model", Path.Combine(RepositoryPaths.Fixtures(), "clip-vocab"), "a photo of a dog", "The boy's bike is red & white -- it's \"new\"!");
        Assert.Equal(0, run.Exit);
        Assert.Equal(
            ["49406 320 1125 539 320 1929 49407", "49406 518 1876 568 3701 533 736 261 1579 2432 585 568 257 686 10377 49407"],
            run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void PreprocessWritesTheReferenceTensors()
    {
        string output = Path.Combine(_temp, "pixels.npy");
        var run = CliRun.Invoke(["preprocess", "--model", TinyClip, "--out", output, .. Images]);
        Assert.Equal(0, run.Exit);
        var actual = NpyFile.Read(output);
        var reference = NpyFile.Read(Path.Combine(TinyClip, "ref_pixel_values.npy"));
        Assert.Equal(new[] { 3, 3, 224, 224 }, actual.Shape);
        double mean = actual.Data.Zip(reference.Data, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(mean < 0.01, $"mean |Δ| = {mean}");
    }

    [Fact]
    public void PreprocessWithBlurDiffers()
    {
        string plain = Path.Combine(_temp, "a.npy"), blurred = Path.Combine(_temp, "b.npy");
        Assert.Equal(0, CliRun.Invoke("preprocess", "--model", TinyClip, "--out", plain, Images[0]).Exit);
        Assert.Equal(0, CliRun.Invoke("preprocess", "--model", TinyClip, "--sigma", "3", "--out", blurred, Images[0]).Exit);
        Assert.NotEqual(NpyFile.Read(plain).Data, NpyFile.Read(blurred).Data);
    }

    [Theory]
    [InlineData("")]
    [InlineData("separate")]
    public void EmbedImagesMatchesPyTorchInBothLayouts(string layout)
    {
        string output = Path.Combine(_temp, "images.npy");
        var run = CliRun.Invoke(["embed", "images", "--model", Path.Combine(TinyClip, layout), "--device", "cpu", "--batch", "2", "--out", output, .. Images]);
        Assert.Equal(0, run.Exit);
        AssertCosines(NpyFile.Read(output), NpyFile.Read(Path.Combine(TinyClip, "ref_image_embeds.npy")), 0.995);
        Assert.Equal("row,argument,path", File.ReadLines(Path.ChangeExtension(output, ".index.csv")).First());
    }

    [Theory]
    [InlineData("")]
    [InlineData("separate")]
    public void EmbedTextsMatchesPyTorchInBothLayouts(string layout)
    {
        string output = Path.Combine(_temp, "texts.npy");
        var run = CliRun.Invoke("embed", "texts", "--model", Path.Combine(TinyClip, layout), "--device", "cpu", "--out", output, "--file", Path.Combine(TinyClip, "captions.txt"));
        Assert.Equal(0, run.Exit);
        AssertCosines(NpyFile.Read(output), NpyFile.Read(Path.Combine(TinyClip, "ref_text_embeds.npy")), 0.9999);
    }

    [Fact]
    public void EmbedImagesSkipsBadImagesRecordsThemAndExits1()
    {
        string bad = Path.Combine(_temp, "broken.jpg");
        File.WriteAllBytes(bad, [0xFF, 0xD8, 0xFF, 0x00]);
        string output = Path.Combine(_temp, "e.npy");
        var run = CliRun.Invoke("embed", "images", "--model", TinyClip, "--device", "cpu", "--out", output, Images[0], bad, Images[2]);
        Assert.Equal(1, run.Exit);
        Assert.Contains("broken.jpg", run.Error, StringComparison.Ordinal);
        Assert.Contains("skipped", run.Error, StringComparison.Ordinal);
        Assert.Equal(new[] { 2, 48 }, NpyFile.Read(output).Shape);
        string[] index = File.ReadAllLines(Path.ChangeExtension(output, ".index.csv"));
        Assert.Equal(["row,argument,path", $"0,0,{Images[0]}", $"1,2,{Images[2]}"], index);
    }

    [Fact]
    public void EmbedImagesWithCacheReusesEmbeddings()
    {
        string cache = Path.Combine(_temp, "cache");
        string a = Path.Combine(_temp, "a.npy"), b = Path.Combine(_temp, "b.npy");
        var first = CliRun.Invoke(["embed", "images", "--model", TinyClip, "--device", "cpu", "--sigma", "2", "--cache", cache, "--out", a, .. Images]);
        var second = CliRun.Invoke(["embed", "images", "--model", TinyClip, "--device", "cpu", "--sigma", "2", "--cache", cache, "--out", b, .. Images]);
        Assert.Equal(0, first.Exit);
        Assert.Contains("3 computed, 0 from the cache", first.Out, StringComparison.Ordinal);
        Assert.Contains("0 computed, 3 from the cache", second.Out, StringComparison.Ordinal);
        Assert.Equal(NpyFile.Read(a).Data, NpyFile.Read(b).Data);
    }

    [Fact]
    public void EmbedImagesWithResNet18Gives512Dimensions()
    {
        string output = Path.Combine(_temp, "r.npy");
        var run = CliRun.Invoke("embed", "images", "--model", "resnet18", "--device", "cpu", "--out", output, Images[1]);
        Assert.Equal(0, run.Exit);
        Assert.Equal(new[] { 1, 512 }, NpyFile.Read(output).Shape);
    }

    [Fact]
    public void AutoDeviceFallsBackToCpuOrUsesCuda()
    {
        string output = Path.Combine(_temp, "auto.npy");
        var run = CliRun.Invoke("embed", "texts", "--model", TinyClip, "--out", output, "a dog");
        Assert.Equal(0, run.Exit);
        Assert.True(run.Out.Contains("on CUDA", StringComparison.Ordinal) || run.Out.Contains("on CPU", StringComparison.Ordinal), run.Out);
    }

    [Theory]
    [InlineData("embed", "texts", "--model", "resnet18", "--out", "OUT", "a dog")]
    [InlineData("embed", "images", "--model", "TINY", "--batch", "0", "--out", "OUT", "IMG")]
    [InlineData("embed", "images", "--model", "TINY", "--sigma", "-1", "--out", "OUT", "IMG")]
    [InlineData("embed", "images", "--model", "TINY", "--device", "tpu", "--out", "OUT", "IMG")]
    [InlineData("embed", "images", "--model", "TINY", "IMG")]
    [InlineData("embed", "texts", "--model", "TINY", "--out", "OUT")]
    [InlineData("embed", "texts", "--model", "TINY", "--out", "OUT", "--file", "CAPTIONS", "a dog")]
    [InlineData("preprocess", "--model", "TINY", "--out", "/nonexistent-folder/x.npy", "IMG")]
    [InlineData("tokenize", "--model", "resnet18", "a dog")]
    [InlineData("tokenize", "--model", "TINY")]
    public void BadOptionsAreUsageErrors(params string[] args)
    {
        var run = CliRun.Invoke(Substitute(args));
        Assert.Equal(2, run.Exit);
        Assert.StartsWith("clipgeo: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadModelDirectoryIsAFailureNamingIt()
    {
        string empty = Path.Combine(_temp, "empty-model");
        Directory.CreateDirectory(empty);
        var missing = CliRun.Invoke("embed", "images", "--model", "/nonexistent/clip", "--out", Path.Combine(_temp, "x.npy"), Images[0]);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("/nonexistent/clip", missing.Error, StringComparison.Ordinal);
        var none = CliRun.Invoke("embed", "texts", "--model", empty, "--device", "cpu", "--out", Path.Combine(_temp, "x.npy"), "a dog");
        Assert.Equal(1, none.Exit);
        Assert.Contains("accepted layouts", none.Error, StringComparison.Ordinal);
        var tokens = CliRun.Invoke("tokenize", "--model", empty, "a dog");
        Assert.Equal(1, tokens.Exit);
        Assert.Contains("vocab.json", tokens.Error, StringComparison.Ordinal);
        var file = CliRun.Invoke("embed", "texts", "--model", TinyClip, "--device", "cpu", "--out", Path.Combine(_temp, "x.npy"), "--file", Path.Combine(_temp, "nope.txt"));
        Assert.Equal(1, file.Exit);
        Assert.Contains("nope.txt", file.Error, StringComparison.Ordinal);
    }

    private string[] Substitute(string[] args) => args.Select(a => a switch
    {
        "TINY" => TinyClip,
        "OUT" => Path.Combine(_temp, "out.npy"),
        "IMG" => Images[0],
        "CAPTIONS" => Path.Combine(TinyClip, "captions.txt"),
        _ => a,
    }).ToArray();

    private static void AssertCosines(NpyArray actual, NpyArray reference, double limit)
    {
        Assert.Equal(reference.Shape, actual.Shape);
        int d = actual.Columns;
        for (int r = 0; r < actual.Rows; r++)
        {
            double dot = 0, na = 0, nb = 0;
            for (int k = 0; k < d; k++)
            {
                double a = actual.Data[(r * d) + k], b = reference.Data[(r * d) + k];
                dot += a * b;
                na += a * a;
                nb += b * b;
            }

            double cosine = dot / Math.Sqrt(na * nb);
            Assert.True(cosine >= limit, $"row {r}: cosine {cosine} < {limit}");
        }
    }
}
