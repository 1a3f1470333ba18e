using ClipGeometry.Client.Tests.Cli;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Client.Tests.Commands;

public sealed class BlurCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "clipgeo-blur-" + Guid.NewGuid().ToString("N"));

    public BlurCommandTests()
    {
        Directory.CreateDirectory(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Input()
    {
        string path = Path.Combine(_dir, "in.png");
        using var image = new Image<Rgb24>(21, 13, new Rgb24(0, 0, 0));
        image[10, 6] = new Rgb24(255, 255, 255);
        image.SaveAsPng(path);
        return path;
    }

    [Fact]
    public void Blurs_an_image_into_a_png()
    {
        string input = Input();
        string output = Path.Combine(_dir, "out.png");
        var (exit, stdout, error) = CliRun.Invoke("blur", "--sigma", "1", "--out", output, input);
        Assert.True(exit == 0, error);
        Assert.Contains("blur(sigma=1)", stdout, StringComparison.Ordinal);
        using var result = Image.Load<Rgb24>(output);
        Assert.Equal(21, result.Width);
        // A unit impulse becomes the sampled 2-D Gaussian: centre 255 * w0², w0 = 0.39894 for sigma = 1.
        Assert.InRange(result[10, 6].R, 40, 41);
        Assert.Equal(result[9, 6], result[11, 6]);
        Assert.Equal(result[10, 5], result[10, 7]);
    }

    [Fact]
    public void Output_png_is_rgb_even_for_an_rgba_input()
    {
        string input = Path.Combine(_dir, "rgba.png");
        using (var rgba = new Image<Rgba32>(4, 3, new Rgba32(10, 20, 30, 0)))
        {
            rgba.SaveAsPng(input);
        }

        string output = Path.Combine(_dir, "out.png");
        Assert.Equal(0, CliRun.Invoke("blur", "--sigma", "0", "--out", output, input).Exit);
        var info = Image.Identify(output);
        Assert.Equal(24, info.PixelType.BitsPerPixel);
        using var result = Image.Load<Rgba32>(output);
        Assert.Equal(new Rgba32(10, 20, 30, 255), result[1, 1]); // alpha dropped, colour kept
    }

    [Fact]
    public void Sigma_zero_copies_the_image_and_jpeg_output_works()
    {
        string input = Input();
        string output = Path.Combine(_dir, "out.jpg");
        var (exit, _, error) = CliRun.Invoke("blur", "--sigma", "0", "--out", output, input);
        Assert.True(exit == 0, error);
        Assert.True(new FileInfo(output).Length > 0);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("nan")]
    [InlineData("1e9")]
    [InlineData("abc")]
    public void Bad_sigma_is_a_usage_error(string sigma)
    {
        var (exit, _, error) = CliRun.Invoke("blur", "--sigma", sigma, "--out", Path.Combine(_dir, "o.png"), Input());
        Assert.Equal(2, exit);
        Assert.Contains("sigma", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Bad_output_extension_and_missing_options_are_usage_errors()
    {
        Assert.Equal(2, CliRun.Invoke("blur", "--sigma", "1", "--out", Path.Combine(_dir, "o.tiff"), Input()).Exit);
        Assert.Equal(2, CliRun.Invoke("blur", "--out", Path.Combine(_dir, "o.png"), Input()).Exit);
        Assert.Equal(2, CliRun.Invoke("blur", "--sigma", "1", Input()).Exit);
    }

    [Fact]
    public void Bad_image_fails_with_the_path_and_the_reason()
    {
        string text = Path.Combine(_dir, "text.jpg");
        File.WriteAllText(text, "not an image");
        var (exit, _, error) = CliRun.Invoke("blur", "--sigma", "1", "--out", Path.Combine(_dir, "o.png"), text);
        Assert.Equal(1, exit);
        Assert.Contains(text, error, StringComparison.Ordinal);
        Assert.Contains("not a JPEG, PNG, BMP, GIF or WebP image", error, StringComparison.Ordinal);

        string missing = Path.Combine(_dir, "missing.png");
        (exit, _, error) = CliRun.Invoke("blur", "--sigma", "1", "--out", Path.Combine(_dir, "o.png"), missing);
        Assert.Equal(1, exit);
        Assert.Contains($"{missing}: file not found", error, StringComparison.Ordinal);
    }
}
