using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Embedding.Perturbations;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace ClipGeometry.Embedding.Tests.Images;

/// <summary>
/// JPEG decoding equal to PIL's: every committed kind of JPEG (Golden/jpeg, made by make_jpegs.py with PIL 9.4 on
/// libjpeg-turbo 2.1.5) decodes to exactly PIL's RGB, and the jpeg:q perturbation gives exactly PIL's
/// save(quality=q) then decode.
/// </summary>
public sealed class TurboJpegDecodingTests(ITestOutputHelper output)
{
    private static readonly ImageDecoder Decoder = new();

    public static TheoryData<string> Kinds() =>
        ["s444", "s422", "s420", "progressive", "optimized", "grey", "cmyk", "icc", "restart"];

    [Fact]
    public void Libjpeg_turbo_is_loaded_and_named()
    {
        Assert.True(TurboJpeg.IsAvailable, TurboJpeg.UnavailableReason);
        Assert.True(Decoder.UsesTurboJpeg);
        Assert.StartsWith("libjpeg-turbo ", Decoder.JpegDecoder, StringComparison.Ordinal);
        Assert.StartsWith("turbojpeg-", Decoder.JpegDecoderKey, StringComparison.Ordinal);
        output.WriteLine($"{Decoder.JpegDecoder}; key {Decoder.JpegDecoderKey}");
        var imageSharp = new ImageDecoder(new ImageDecoderOptions { JpegDecoding = JpegDecoding.ImageSharp });
        Assert.False(imageSharp.UsesTurboJpeg);
        Assert.StartsWith("imagesharp-2.1", imageSharp.JpegDecoderKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_library_jpegs_go_to_imagesharp_after_one_warning()
    {
        var notices = new List<string>();
        var fallback = new ImageDecoder(new ImageDecoderOptions { Notice = notices.Add }, "libturbojpeg.so.0 cannot be loaded (test)");
        Assert.False(fallback.UsesTurboJpeg);
        Assert.StartsWith("imagesharp-", fallback.Key, StringComparison.Ordinal);
        string notice = Assert.Single(notices);
        Assert.Contains("libturbojpeg.so.0 cannot be loaded (test); decoding JPEGs with ImageSharp", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", notice, StringComparison.Ordinal);
        using var result = fallback.Load(TestPaths.Golden("jpeg", "s420.jpg"));
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.NotEqual(0, CountDifferences(result.Image, NpyFile.Read(TestPaths.Golden("jpeg", "s420.rgb.npy")), out _));

        // Asked for ImageSharp: no warning.
        _ = new ImageDecoder(new ImageDecoderOptions { JpegDecoding = JpegDecoding.ImageSharp, Notice = notices.Add }, "unavailable");
        Assert.Single(notices);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Decodes_bit_identical_to_pil(string name)
    {
        using var result = Decoder.Load(TestPaths.Golden("jpeg", name + ".jpg"));
        Assert.True(result.Succeeded, result.Error?.ToString());
        var expected = NpyFile.Read(TestPaths.Golden("jpeg", name + ".rgb.npy"));
        Assert.Equal([result.Image.Height, result.Image.Width, 3], expected.Shape);
        int differing = CountDifferences(result.Image, expected, out int max);

        using var other = new ImageDecoder(new ImageDecoderOptions { JpegDecoding = JpegDecoding.ImageSharp }).Load(TestPaths.Golden("jpeg", name + ".jpg"));
        int imageSharpDiffering = CountDifferences(other.Image, expected, out int imageSharpMax);
        output.WriteLine($"{name}: libjpeg-turbo {differing} values differ from PIL (max {max}); ImageSharp {imageSharpDiffering} of {expected.Data.Length} (max {imageSharpMax})");
        Assert.Equal(0, differing);
    }

    [Fact]
    public void The_golden_set_would_catch_imagesharp()
    {
        // The set is worth something only if a decoder that is not PIL-exact fails it.
        var imageSharp = new ImageDecoder(new ImageDecoderOptions { JpegDecoding = JpegDecoding.ImageSharp });
        int failing = 0;
        foreach (string name in Kinds())
        {
            using var result = imageSharp.Load(TestPaths.Golden("jpeg", name + ".jpg"));
            failing += CountDifferences(result.Image, NpyFile.Read(TestPaths.Golden("jpeg", name + ".rgb.npy")), out _) > 0 ? 1 : 0;
        }

        Assert.True(failing >= 8, $"only {failing} files tell ImageSharp from PIL");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(95)]
    public void Jpeg_perturbation_equals_pil_save_quality_then_decode(int quality)
    {
        using var input = Decoder.Load(TestPaths.Golden("jpeg", "input.png"));
        Assert.True(input.Succeeded, input.Error?.ToString());
        var image = input.Image;
        new JpegQuality(quality).Apply(image, 0);
        int differing = CountDifferences(image, NpyFile.Read(TestPaths.Golden("jpeg", $"jpeg_q{quality}.npy")), out int max);
        output.WriteLine($"quality {quality}: {differing} values differ from PIL (max {max})");
        Assert.Equal(0, differing);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Blur_of_a_jpeg_equals_scipy_on_pil_pixels(int sigma)
    {
        using var input = Decoder.Load(TestPaths.Golden("jpeg", "s420.jpg"));
        new GaussianBlur(sigma).Apply(input.Image, 0);
        int differing = CountDifferences(input.Image, NpyFile.Read(TestPaths.Golden("jpeg", $"s420_blur{sigma}.npy")), out int max);
        output.WriteLine($"sigma {sigma}: {differing} values differ from SciPy (max {max})");
        Assert.Equal(0, differing);
    }

    [Fact]
    public void Cmyk_conversion_is_pils_cmyk2rgb_on_inverted_values()
    {
        // Stored (inverted) C M Y K → PIL: c = 255 − stored, nk = 255 − k = stored k, out = nk − round(c·nk/255).
        byte[] stored = [255, 0, 128, 255, 0, 0, 0, 0, 10, 200, 30, 77];
        var rgb = new byte[9];
        TurboJpeg.CmykToRgb(stored, rgb);
        Assert.Equal([255, 0, 128, 0, 0, 0, 3, 60, 9], rgb);
    }

    [Fact]
    public void Truncated_and_corrupt_jpegs_are_refused_with_a_reason_not_an_exception()
    {
        byte[] bytes = File.ReadAllBytes(TestPaths.Golden("jpeg", "s420.jpg"));
        using var cut = Decoder.Load(new MemoryStream(bytes[..(bytes.Length / 2)]), "cut.jpg");
        Assert.False(cut.Succeeded);
        Assert.Contains("truncated", cut.Error!.Reason, StringComparison.Ordinal);

        // A broken header after a good Identify: the handle that failed is destroyed; the next decode still works.
        for (int i = 0; i < 3; i++)
        {
            using var good = Decoder.Load(TestPaths.Golden("jpeg", "s420.jpg"));
            Assert.True(good.Succeeded, good.Error?.ToString());
        }
    }

    internal static int CountDifferences(Image<Rgb24> image, NpyArray expected, out int maxDiff)
    {
        maxDiff = 0;
        if (expected.Shape.Length != 3 || expected.Shape[0] != image.Height || expected.Shape[1] != image.Width)
        {
            maxDiff = int.MaxValue;
            return expected.Data.Length;
        }

        byte[] actual = ImageDecoderTests.Bytes(image);
        int count = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            int d = Math.Abs(actual[i] - (int)expected.Data[i]);
            count += d != 0 ? 1 : 0;
            maxDiff = Math.Max(maxDiff, d);
        }

        return count;
    }
}
