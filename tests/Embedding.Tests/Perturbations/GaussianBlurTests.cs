using System.Globalization;
using System.Runtime.InteropServices;
using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.Perturbations;
using ClipGeometry.Geometry;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace ClipGeometry.Embedding.Tests.Perturbations;

public sealed class GaussianBlurTests(ITestOutputHelper output)
{
    private static readonly ImageDecoder Decoder = new();

    public static TheoryData<string, double> Cases()
    {
        var data = new TheoryData<string, double>();
        foreach (string name in new[] { "noise", "scene", "tiny" })
        {
            foreach (double sigma in new[] { 0.5, 1, 3, 5 })
            {
                data.Add(name, sigma);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_scipy_gaussian_filter_exactly(string name, double sigma)
    {
        using var input = Load($"input_{name}.png");
        using var expected = Load(string.Create(CultureInfo.InvariantCulture, $"{name}_sigma{sigma:g}.png"));
        var image = input.Image;
        new GaussianBlur(sigma).Apply(image, 0);

        var (exact, withinOne, total, maxDiff) = Compare(image, expected.Image);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} sigma={sigma}: exact {100.0 * exact / total:F3}%, within one grey level {100.0 * withinOne / total:F3}% of {total} values, max |diff| {maxDiff}"));
        // The README says every value is identical to SciPy's: so no value may differ, not even by one level.
        Assert.True(exact == total, $"{total - exact} of {total} values differ from SciPy (max {maxDiff} grey levels)");
    }

    [Theory]
    [InlineData(13, 70, 2.0)]
    [InlineData(70, 13, 2.0)]
    [InlineData(40, 90, 0.7)]
    [InlineData(3, 100, 4.5)]
    [InlineData(100, 2, 1.3)]
    public void Matches_a_direct_double_precision_convolution(int width, int height, double sigma)
    {
        var random = new SplitMix64((ulong)(width * 1000 + height));
        using var image = new Image<Rgb24>(width, height);
        var original = new byte[width * height * 3];
        for (int i = 0; i < original.Length; i++)
        {
            original[i] = (byte)random.Next();
        }

        for (int y = 0; y < height; y++)
        {
            original.AsSpan(y * width * 3, width * 3).CopyTo(MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span));
        }

        var blur = new GaussianBlur(sigma);
        blur.Apply(image, 0);

        int r = blur.Radius;
        var weights = new double[(2 * r) + 1];
        double sum = 0;
        for (int k = -r; k <= r; k++)
        {
            weights[k + r] = Math.Exp(-0.5 * k * k / (sigma * sigma));
            sum += weights[k + r];
        }

        var columns = new int[width + (2 * r)];
        var rows = new int[height + (2 * r)];
        GaussianBlur.FillReflectMap(columns, width, r);
        GaussianBlur.FillReflectMap(rows, height, r);
        int exact = 0, total = 0;
        for (int y = 0; y < height; y++)
        {
            var actual = MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span);
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double v = 0;
                    for (int dy = 0; dy <= 2 * r; dy++)
                    {
                        for (int dx = 0; dx <= 2 * r; dx++)
                        {
                            v += weights[dy] * weights[dx] / (sum * sum) * original[(((rows[y + dy] * width) + columns[x + dx]) * 3) + c];
                        }
                    }

                    int expected = (int)Math.Floor(v + 0.5);
                    int diff = Math.Abs(expected - actual[(x * 3) + c]);
                    Assert.True(diff <= 1, $"({x},{y},{c}): {actual[(x * 3) + c]} vs {v}");
                    exact += diff == 0 ? 1 : 0;
                    total++;
                }
            }
        }

        Assert.True(exact >= 0.999 * total, $"{exact} of {total} exact");
    }

    [Fact]
    public void Sigma_zero_is_the_identity()
    {
        using var input = Load("input_noise.png");
        using var copy = input.Image.Clone();
        var blur = new GaussianBlur(0);
        Assert.True(blur.IsIdentity);
        blur.Apply(copy, 0);
        Assert.Equal(0, Compare(copy, input.Image).MaxDiff);
    }

    [Theory]
    [InlineData(0.5, 2)]
    [InlineData(1, 4)]
    [InlineData(3, 12)]
    [InlineData(5, 20)]
    [InlineData(0.1, 0)]
    [InlineData(0.13, 1)]
    public void Radius_is_int_of_four_sigma_plus_one_half(double sigma, int radius)
    {
        Assert.Equal(radius, new GaussianBlur(sigma).Radius);
    }

    [Fact]
    public void Kernel_sums_to_one()
    {
        var w = new GaussianBlur(2.7).HalfKernel;
        double sum = w[0];
        for (int k = 1; k < w.Length; k++)
        {
            sum += 2 * w[k];
        }

        Assert.Equal(1.0, sum, 5);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e6)]
    public void Bad_sigma_is_rejected(double sigma)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianBlur(sigma));
    }

    [Fact]
    public void Reflect_map_is_half_sample_symmetric_and_periodic()
    {
        var map = new int[3 + 8];
        GaussianBlur.FillReflectMap(map, 3, 4);
        // positions -4..6 over a b c: c c b a | a b c | c b a a
        Assert.Equal([2, 2, 1, 0, 0, 1, 2, 2, 1, 0, 0], map);
        var single = new int[1 + 4];
        GaussianBlur.FillReflectMap(single, 1, 2);
        Assert.All(single, i => Assert.Equal(0, i));
    }

    [Fact]
    public void Constant_image_stays_constant_and_one_pixel_image_works()
    {
        using var flat = new Image<Rgb24>(9, 4, new Rgb24(10, 200, 255));
        new GaussianBlur(3).Apply(flat, 0);
        Assert.Equal(new Rgb24(10, 200, 255), flat[0, 0]);
        Assert.Equal(new Rgb24(10, 200, 255), flat[8, 3]);
        using var dot = new Image<Rgb24>(1, 1, new Rgb24(1, 2, 3));
        new GaussianBlur(5).Apply(dot, 0);
        Assert.Equal(new Rgb24(1, 2, 3), dot[0, 0]);
    }

    [Fact]
    public void Cache_key_is_culture_invariant()
    {
        Assert.Equal("blur(sigma=2.5)", new GaussianBlur(2.5).CacheKey);
        Assert.Equal("blur", new GaussianBlur(2.5).Name);
    }

    internal static ImageLoadResult Load(string file)
    {
        var result = Decoder.Load(TestPaths.Golden("blur", file));
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result;
    }

    internal static (int Exact, int WithinOne, int Total, int MaxDiff) Compare(Image<Rgb24> actual, Image<Rgb24> expected)
    {
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        int exact = 0, withinOne = 0, total = 0, maxDiff = 0;
        for (int y = 0; y < actual.Height; y++)
        {
            var a = MemoryMarshal.AsBytes(actual.DangerousGetPixelRowMemory(y).Span).ToArray();
            var e = MemoryMarshal.AsBytes(expected.DangerousGetPixelRowMemory(y).Span).ToArray();
            for (int i = 0; i < a.Length; i++)
            {
                int d = Math.Abs(a[i] - e[i]);
                exact += d == 0 ? 1 : 0;
                withinOne += d <= 1 ? 1 : 0;
                maxDiff = Math.Max(maxDiff, d);
                total++;
            }
        }

        return (exact, withinOne, total, maxDiff);
    }
}
