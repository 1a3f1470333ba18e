using ClipGeometry.Embedding.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace ClipGeometry.Embedding.Tests.Preprocessing;

public class ClipPreprocessorTests(ITestOutputHelper output)
{
    [Fact]
    public void FixtureImagesMatchTorchvisionWithinTolerance()
    {
        var preprocessor = ClipPreprocessor.FromDirectory(TinyClipFixture.Directory);
        var reference = TinyClipFixture.Reference("ref_pixel_values.npy");
        string[] paths = TinyClipFixture.ImagePaths();
        Assert.Equal([paths.Length, 3, 224, 224], reference.Shape);
        var values = new float[preprocessor.ValuesPerImage];
        for (int i = 0; i < paths.Length; i++)
        {
            using var image = Image.Load<Rgb24>(paths[i]);
            preprocessor.Process(image, values);
            double sum = 0, max = 0;
            for (int k = 0; k < values.Length; k++)
            {
                double d = Math.Abs(values[k] - reference.Data[(i * values.Length) + k]);
                sum += d;
                max = Math.Max(max, d);
            }

            double mean = sum / values.Length;
            output.WriteLine($"{Path.GetFileName(paths[i])}: mean |Δ| = {mean:G4}, max |Δ| = {max:G4}");
            Assert.True(mean < 0.01, $"{paths[i]}: mean absolute difference {mean} vs torchvision (limit 0.01).");
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
