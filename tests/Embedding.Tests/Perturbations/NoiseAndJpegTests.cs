using ClipGeometry.Embedding.Perturbations;
using ClipGeometry.Embedding.Tests.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Tests.Perturbations;

public sealed class NoiseAndJpegTests
{
    private static Image<Rgb24> Grey(int width = 64, int height = 64) => new(width, height, new Rgb24(128, 128, 128));

    [Fact]
    public void Noise_has_the_requested_standard_deviation_and_zero_mean()
    {
        using var image = Grey(200, 200);
        new GaussianNoise(10, seed: 1).Apply(image, 99);
        var bytes = ImageDecoderTests.Bytes(image);
        double mean = bytes.Average(b => b - 128.0);
        double std = Math.Sqrt(bytes.Average(b => (b - 128.0 - mean) * (b - 128.0 - mean)));
        Assert.InRange(mean, -0.2, 0.2);
        Assert.InRange(std, 9.8, 10.2); // rounding adds 1/12 to the variance
    }

    [Fact]
    public void Noise_is_reproducible_per_image_and_seed()
    {
        using Image<Rgb24> a = Grey(), b = Grey(), c = Grey(), d = Grey();
        new GaussianNoise(20, 3).Apply(a, 7);
        new GaussianNoise(20, 3).Apply(b, 7);
        new GaussianNoise(20, 3).Apply(c, 8);
        new GaussianNoise(20, 4).Apply(d, 7);
        Assert.Equal(ImageDecoderTests.Bytes(a), ImageDecoderTests.Bytes(b));
        Assert.NotEqual(ImageDecoderTests.Bytes(a), ImageDecoderTests.Bytes(c));
        Assert.NotEqual(ImageDecoderTests.Bytes(a), ImageDecoderTests.Bytes(d));
    }

    [Fact]
    public void Zero_noise_is_the_identity_and_values_are_clamped()
    {
        Assert.True(new GaussianNoise(0).IsIdentity);
        using var black = new Image<Rgb24>(32, 32, new Rgb24(0, 0, 0));
        new GaussianNoise(50, 0).Apply(black, 1);
        var bytes = ImageDecoderTests.Bytes(black);
        Assert.Contains(bytes, v => v == 0);
        Assert.Contains(bytes, v => v > 0);
        Assert.Equal("noise(std=2.5,seed=3)", new GaussianNoise(2.5, 3).CacheKey);
    }

    [Fact]
    public void Jpeg_reencoding_loses_more_at_lower_quality_and_is_deterministic()
    {
        using var input = GaussianBlurTests.Load("input_scene.png");
        byte[] original = ImageDecoderTests.Bytes(input.Image);
        double previous = double.MaxValue;
        foreach (int q in new[] { 10, 50, 95 })
        {
            using var a = input.Image.Clone();
            using var b = input.Image.Clone();
            new JpegQuality(q).Apply(a, 0);
            new JpegQuality(q).Apply(b, 0);
            var bytes = ImageDecoderTests.Bytes(a);
            Assert.Equal(bytes, ImageDecoderTests.Bytes(b));
            double error = bytes.Zip(original, (x, y) => Math.Abs(x - y)).Average();
            Assert.True(error < previous, $"quality {q}: mean error {error} not below {previous}");
            Assert.True(error > 0);
            previous = error;
        }
    }

    [Theory]
    [InlineData("blur:3", "blur(sigma=3)")]
    [InlineData(" BLUR : 0.5 ", "blur(sigma=0.5)")]
    [InlineData("noise:10", "noise(std=10,seed=42)")]
    [InlineData("jpeg:50", "jpeg(quality=50)")]
    [InlineData("none", "blur(sigma=0)")]
    public void Parser_builds_perturbations(string spec, string key)
    {
        Assert.Equal(key, PerturbationParser.Parse(spec, seed: 42).CacheKey);
    }

    [Fact]
    public void Parser_expands_level_lists()
    {
        var all = PerturbationParser.ParseLevels("blur:0,1,2.5");
        Assert.Equal(["blur(sigma=0)", "blur(sigma=1)", "blur(sigma=2.5)"], all.Select(p => p.CacheKey));
        Assert.True(all[0].IsIdentity);
    }

    [Theory]
    [InlineData("blur", "expected blur:SIGMA")]
    [InlineData("blur:", "expected blur:SIGMA")]
    [InlineData("blur:x", "the level 'x' is not a number")]
    [InlineData("blur:-1", "sigma must be a number from 0")]
    [InlineData("blur:nan", "is not a number")]
    [InlineData("jpeg:0", "integer from 1 to 100")]
    [InlineData("jpeg:50.5", "integer from 1 to 100")]
    [InlineData("noise:-3", "standard deviation must be")]
    [InlineData("sharpen:2", "unknown perturbation 'sharpen'")]
    [InlineData("blur:1,2", "one level here, not 2")]
    public void Parser_reports_bad_specs(string spec, string message)
    {
        var e = Assert.Throws<FormatException>(() => PerturbationParser.Parse(spec));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("'", e.Message, StringComparison.Ordinal);
    }
}
