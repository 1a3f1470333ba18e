using ClipGeometry.Embedding.Images;
using ClipGeometry.Geometry;
using Xunit.Abstractions;

namespace ClipGeometry.Embedding.Tests.Images;

/// <summary>
/// Corrupted files (flipped bytes, cuts, garbage inserted) must give a result or an error record, never an exception.
/// The decoder turns into records only the exceptions that mean a bad file (format errors, I/O, and what ImageSharp's
/// parsers throw on malformed bytes), so an exception from a bug in clipgeo's own code fails this test.
/// </summary>
public sealed class ImageDecoderFuzzTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("rgb.jpg")]
    [InlineData("progressive.jpg")]
    [InlineData("cmyk.jpg")]
    [InlineData("rgba.png")]
    [InlineData("palette.png")]
    [InlineData("rgb.bmp")]
    [InlineData("palette.gif")]
    [InlineData("animated.gif")]
    [InlineData("lossless.webp")]
    [InlineData("lossy.webp")]
    public void Corrupted_images_never_throw(string name)
    {
        byte[] original = File.ReadAllBytes(TestPaths.Golden("images", name));
        var decoder = new ImageDecoder(new ImageDecoderOptions { MaxPixels = 4_000_000, AllocationLimitMegabytes = 64 });
        var random = new SplitMix64(SplitMix64.Hash(name));
        int failures = 0;
        const int Trials = 150;
        for (int trial = 0; trial < Trials; trial++)
        {
            byte[] bytes = Mutate(original, ref random);
            using var result = decoder.Load(new MemoryStream(bytes), $"{name}#{trial}");
            if (!result.Succeeded)
            {
                failures++;
                Assert.False(string.IsNullOrWhiteSpace(result.Error!.Reason));
            }
        }

        output.WriteLine($"{name}: {failures} of {Trials} corrupted copies rejected, the rest decoded");
    }

    [Fact]
    public void Only_bad_file_exceptions_become_error_records()
    {
        Assert.True(ImageDecoder.IsBadFile(new SixLabors.ImageSharp.InvalidImageContentException("bad")));
        Assert.True(ImageDecoder.IsBadFile(new EndOfStreamException()));
        Assert.True(ImageDecoder.IsBadFile(new UnauthorizedAccessException()));

        // What ImageSharp's own parsers throw on malformed bytes is the file's fault.
        // (a BMP claiming 8,454,144 rows: ImageSharp 2.1 throws InvalidOperationException from its header reader)
        byte[] bmp = File.ReadAllBytes(TestPaths.Golden("images", "rgb.bmp"));
        bmp[22] = 0;
        bmp[23] = 0;
        bmp[24] = 0x81;
        bmp[25] = 0;
        var fromImageSharp = Assert.ThrowsAny<Exception>(() => SixLabors.ImageSharp.Image.Identify(new MemoryStream(bmp), out _));
        Assert.True(ImageDecoder.IsBadFile(fromImageSharp), fromImageSharp.ToString());

        // A bug in clipgeo's code is not.
        string? missing = Environment.ProcessorCount > 0 ? null : "x";
        Assert.False(ImageDecoder.IsBadFile(Thrown(() => _ = missing!.Length)));
        int[] one = [1];
        Assert.False(ImageDecoder.IsBadFile(Thrown(() => _ = one[Environment.ProcessorCount + 1])));
        Assert.False(ImageDecoder.IsBadFile(Thrown(() => throw new InvalidCastException())));
        Assert.False(ImageDecoder.IsBadFile(new OperationCanceledException()));
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("nothing thrown");
    }

    private static byte[] Mutate(byte[] original, ref SplitMix64 random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next() % 4)
        {
            case 0: // flip a few bytes anywhere, headers included
                for (int i = 0, n = 1 + (int)(random.Next() % 8); i < n; i++)
                {
                    bytes[(int)(random.Next() % (ulong)bytes.Length)] = (byte)random.Next();
                }

                return bytes;
            case 1: // cut
                return bytes[..(int)(random.Next() % (ulong)bytes.Length)];
            case 2: // overwrite a run with 0xFF (marker-like bytes)
                int start = (int)(random.Next() % (ulong)bytes.Length);
                for (int i = start; i < Math.Min(bytes.Length, start + 16); i++)
                {
                    bytes[i] = 0xFF;
                }

                return bytes;
            default: // large dimensions written into the first 32 bytes
                int at = 4 + (int)(random.Next() % 28);
                if (at + 4 <= bytes.Length)
                {
                    bytes[at] = 0x7F;
                    bytes[at + 1] = 0xFF;
                }

                return bytes;
        }
    }
}
