using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace ClipGeometry.Embedding.Tests.Preprocessing;

public class ClipPreprocessorTests(ITestOutputHelper output)
{
    [Fact]
    public void FixtureImagesMatchTorchvisionExactly()
    {
        // Decoded as clipgeo decodes (libjpeg-turbo for the JPEGs, as PIL), the tensors equal torchvision's: every
        // value, on the PNG and on both JPEGs (with ImageSharp's JPEG decoder they differed by a mean of 0.0006 and 0.0039).
        var decoder = new ImageDecoder();
        Assert.True(decoder.UsesTurboJpeg, "libturbojpeg.so.0 is needed for PIL-exact JPEG decoding (apt-get install libturbojpeg0)");
        var preprocessor = ClipPreprocessor.FromDirectory(TinyClipFixture.Directory);
        var reference = TinyClipFixture.Reference("ref_pixel_values.npy");
        string[] paths = TinyClipFixture.ImagePaths();
        Assert.Equal([paths.Length, 3, 224, 224], reference.Shape);
        var values = new float[preprocessor.ValuesPerImage];
        for (int i = 0; i < paths.Length; i++)
        {
            using var image = decoder.Load(paths[i]);
            Assert.True(image.Succeeded, image.Error?.ToString());
            preprocessor.Process(image.Image, values);
            double sum = 0, max = 0;
            int differing = 0;
            for (int k = 0; k < values.Length; k++)
            {
                double d = Math.Abs(values[k] - (float)reference.Data[(i * values.Length) + k]);
                sum += d;
                max = Math.Max(max, d);
                differing += d != 0 ? 1 : 0;
            }

            double mean = sum / values.Length;
            output.WriteLine($"{Path.GetFileName(paths[i])}: mean |Δ| = {mean:G4}, max |Δ| = {max:G4}, {differing} values differ");
            Assert.True(differing == 0, $"{paths[i]}: {differing} values differ from torchvision (mean |Δ| {mean}, max {max}).");
        }
    }

    [Fact]
    public void CoefficientsSumToOneInFixedPoint()
    {
        var r = BicubicResampler.Create(500, 224, 0, 224);
        for (int i = 0; i < 224; i++)
        {
            int sum = r.Weights.AsSpan(i * r.KernelSize, r.Length[i]).ToArray().Sum();
            Assert.InRange(sum, (1 << 22) - 8, (1 << 22) + 8);
        }
    }

    [Fact]
    public void UniformImageStaysUniform()
    {
        using var image = new Image<Rgb24>(317, 251, new Rgb24(10, 128, 250));
        var p = new ClipPreprocessor();
        var values = new float[p.ValuesPerImage];
        p.Process(image, values);
        float expected = (128 / 255f - 0.4578275f) / 0.26130258f;
        Assert.All(values.AsSpan(224 * 224, 224 * 224).ToArray(), v => Assert.Equal(expected, v, 5));
    }

    [Fact]
    public void SmallImageIsUpscaledAndSquareCropOfExactSizeIsIdentity()
    {
        using var tiny = new Image<Rgb24>(1, 1, new Rgb24(255, 0, 0));
        var p = new ClipPreprocessor();
        var values = new float[p.ValuesPerImage];
        p.Process(tiny, values);
        Assert.Equal((1 - 0.48145466f) / 0.26862954f, values[0], 5);

        using var exact = new Image<Rgb24>(224, 224);
        exact[3, 5] = new Rgb24(255, 255, 255);
        p.Process(exact, values);
        Assert.Equal((1 - 0.48145466f) / 0.26862954f, values[(5 * 224) + 3], 5);
        Assert.Equal(-0.48145466f / 0.26862954f, values[(5 * 224) + 4], 5);
    }

    [Fact]
    public void MalformedConfigNamesTheFile()
    {
        string dir = Directory.CreateTempSubdirectory("clipgeo-pre").FullName;
        try
        {
            string path = Path.Combine(dir, "preprocessor_config.json");
            File.WriteAllText(path, "{\"image_mean\": [1, 2]}");
            var e = Assert.Throws<InvalidDataException>(() => PreprocessorConfig.Read(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("image_mean", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
