using System.Security.Cryptography;
using System.Text.Json;
using ClipGeometry.Embedding.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace ClipGeometry.Embedding.Tests.Images;

public sealed class ImageDecoderTests(ITestOutputHelper output)
{
    private static readonly ImageDecoder Decoder = new();

    private static string File(string name) => TestPaths.Golden("images", name);

    [Theory]
    [InlineData("grey.png", 0.0)]
    [InlineData("palette.png", 0.0)]
    [InlineData("palette.gif", 0.0)]
    [InlineData("rgba.png", 0.0)]
    [InlineData("la.png", 0.0)]
    [InlineData("one_pixel.png", 0.0)]
    [InlineData("rgb.bmp", 0.0)]
    [InlineData("lossless.webp", 0.0)]
    [InlineData("grey.jpg", 0.0)]
    [InlineData("rgb.jpg", 0.0)]
    [InlineData("cmyk.jpg", 0.0)]
    [InlineData("rgb16.png", 0.0)]
    [InlineData("grey16.png", 0.0)]
    [InlineData("la16.png", 0.0)]
    [InlineData("rgba16.png", 0.0)]
    [InlineData("bilevel.png", 0.0)]
    [InlineData("interlaced.png", 0.0)]
    [InlineData("progressive.jpg", 0.0)]
    [InlineData("lossy.webp", 0.0)]
    [InlineData("animated.gif", 0.0)]
    [InlineData("exif_rotated.jpg", 0.0)]
    public void Converts_to_rgb_as_pil_does(string name, double maxMeanAbsDiff)
    {
        using var actual = Decoder.Load(File(name));
        Assert.True(actual.Succeeded, actual.Error?.ToString());
        using var expected = Decoder.Load(File($"expected_{name}.png"));
        Assert.True(expected.Succeeded, expected.Error?.ToString());
        Assert.Equal(expected.Image.Width, actual.Image.Width);
        Assert.Equal(expected.Image.Height, actual.Image.Height);

        byte[] a = Bytes(actual.Image), e = Bytes(expected.Image);
        double sum = 0;
        int max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = Math.Abs(a[i] - e[i]);
            sum += d;
            max = Math.Max(max, d);
        }

        double mean = sum / a.Length;
        output.WriteLine($"{name}: mean |diff| {mean:F4}, max {max} grey levels against PIL convert(\"RGB\")");
        Assert.True(mean <= maxMeanAbsDiff, $"mean |diff| {mean} above {maxMeanAbsDiff}");
        if (maxMeanAbsDiff == 0)
        {
            Assert.Equal(e, a);
        }
    }

    [Fact]
    public void Rgba_fixture_drops_alpha_exactly_as_pil()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(File("expected.json")));
        string sha = doc.RootElement.GetProperty("pub_rgba.png").GetProperty("rgb_sha256").GetString()!;
        using var result = Decoder.Load(TestPaths.Fixtures("tiny-clip", "images", "pub_rgba.png"));
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(Bytes(result.Image))));
    }

    [Theory]
    [InlineData("zero.jpg", "empty file")]
    [InlineData("text.jpg", "not a JPEG, PNG, BMP, GIF or WebP image")]
    [InlineData("rgb.tiff", "not a JPEG, PNG, BMP, GIF or WebP image")]
    [InlineData("huge_header.png", "100000×100000 = 10000000000 pixels is above the limit of 50000000 pixels")]
    [InlineData("truncated.jpg", "unreadable image header")]
    [InlineData("truncated_scan.jpg", "JPEG file is truncated")]
    [InlineData("no-such-file.jpg", "file not found")]
    public void Bad_files_become_error_records(string name, string reason)
    {
        string path = File(name);
        using var result = Decoder.Load(path);
        output.WriteLine($"{name}: {result.Error}");
        Assert.False(result.Succeeded);
        Assert.NotNull(result.Error);
        Assert.Equal(path, result.Error.Path);
        Assert.Contains(reason, result.Error.Reason, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => result.Image);
    }

    [Theory]
    [InlineData("pub_china.jpg")]
    [InlineData("pub_hopper.jpg")]
    [InlineData("pub_rgba.png")]
    public void Fixture_photos_decode(string name)
    {
        using var result = Decoder.Load(TestPaths.Fixtures("tiny-clip", "images", name));
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.True(result.Image.Width > 100 && result.Image.Height > 100);
    }

    [Fact]
    public void Pixel_limit_is_configurable()
    {
        var small = new ImageDecoder(new ImageDecoderOptions { MaxPixels = 100 });
        using var result = small.Load(File("rgb.bmp"));
        Assert.False(result.Succeeded);
        Assert.Contains("16×12 = 192 pixels is above the limit of 100 pixels", result.Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocation_limit_rejects_images_that_need_bigger_buffers()
    {
        var tight = new ImageDecoder(new ImageDecoderOptions { AllocationLimitMegabytes = 1 });
        using var ok = tight.Load(File("rgb.jpg"));
        Assert.True(ok.Succeeded, ok.Error?.ToString());

        using var big = new Image<Rgb24>(1200, 1200);
        using var stream = new MemoryStream();
        big.SaveAsBmp(stream);
        stream.Position = 0;
        using var result = tight.Load(stream, "big.bmp");
        output.WriteLine(result.Error?.ToString());
        Assert.False(result.Succeeded);
        Assert.Equal("big.bmp", result.Error!.Path);
    }

    [Fact]
    public void Loads_from_streams_including_non_seekable_ones()
    {
        byte[] bytes = System.IO.File.ReadAllBytes(File("rgba.png"));
        using var seekable = Decoder.Load(new MemoryStream(bytes), "a.png");
        using var forward = Decoder.Load(new ForwardOnlyStream(bytes), "b.png");
        Assert.True(seekable.Succeeded);
        Assert.True(forward.Succeeded, forward.Error?.ToString());
        Assert.Equal(Bytes(seekable.Image), Bytes(forward.Image));
        using var empty = Decoder.Load(new ForwardOnlyStream([]), "c.png");
        Assert.Contains("empty", empty.Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detached_image_outlives_the_result()
    {
        Image<Rgb24> image;
        using (var result = Decoder.Load(File("one_pixel.png")))
        {
            image = result.DetachImage();
        }

        using (image)
        {
            Assert.Equal(new Rgb24(12, 34, 56), image[0, 0]);
        }
    }

    internal static byte[] Bytes(Image<Rgb24> image)
    {
        var bytes = new byte[image.Width * image.Height * 3];
        for (int y = 0; y < image.Height; y++)
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span)
                .CopyTo(bytes.AsSpan(y * image.Width * 3));
        }

        return bytes;
    }

    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, Math.Min(7, data.Length - _position));
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
