using ClipGeometry.Embedding.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Tests.Preprocessing;

/// <summary>
/// The vectorised passes against a plain scalar statement of PIL's algorithm (horizontal pass, clip8, vertical pass,
/// clip8, lookup), on sizes that reach the image edges, upscale, pad and skip an axis.
/// </summary>
public class BicubicPassesTests
{
    [Theory]
    [InlineData(500, 375)]
    [InlineData(375, 500)]
    [InlineData(224, 224)]
    [InlineData(224, 300)]
    [InlineData(301, 224)]
    [InlineData(225, 229)]
    [InlineData(97, 61)]
    [InlineData(1, 1)]
    [InlineData(5, 120)]
    [InlineData(1031, 223)]
    public void ProcessEqualsScalarReferenceBitForBit(int width, int height)
    {
        using var image = RandomImage(width, height, seed: (width * 7919) + height);
        AssertSame(new ClipPreprocessor(), image);
    }

    [Fact]
    public void ProcessEqualsScalarReferenceWithoutCropAndWithLargerCrop()
    {
        using var image = RandomImage(333, 250, seed: 5);
        AssertSame(new ClipPreprocessor(PreprocessorConfig.Clip with { DoCenterCrop = false, ShortestEdge = 100 }), image);
        AssertSame(new ClipPreprocessor(PreprocessorConfig.Clip with { ShortestEdge = 64, CropHeight = 80, CropWidth = 50 }), image);
        AssertSame(new ClipPreprocessor(PreprocessorConfig.Clip with { DoResize = false, CropHeight = 300, CropWidth = 100 }), image);
    }

    [Fact]
    public void RepeatedAndConcurrentCallsGiveTheSameResult()
    {
        using var a = RandomImage(500, 375, seed: 1);
        using var b = RandomImage(640, 480, seed: 2);
        var p = new ClipPreprocessor();
        var first = new float[p.ValuesPerImage];
        p.Process(a, first);
        Parallel.For(0, 64, i =>
        {
            var values = new float[p.ValuesPerImage];
            p.Process(i % 2 == 0 ? a : b, values);
            if (i % 2 == 0)
            {
                Assert.Equal(first, values);
            }
        });
    }

    private static void AssertSame(ClipPreprocessor p, Image<Rgb24> image)
    {
        var actual = new float[p.ValuesPerImage];
        p.Process(image, actual);
        float[] expected = ScalarReference(p, image);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"{image.Width}x{image.Height}: value {i} is {actual[i]}, the scalar reference gives {expected[i]}.");
            }
        }
    }

    private static Image<Rgb24> RandomImage(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                // Mostly noise, with saturated patches so that the clipping to 0 and 255 is exercised.
                byte v = (byte)random.Next(256);
                image[x, y] = (x / 7 + y / 5) % 4 == 0 ? new Rgb24(255, 0, v) : new Rgb24(v, (byte)random.Next(256), (byte)random.Next(256));
            }
        }

        return image;
    }

    private static float[] ScalarReference(ClipPreprocessor p, Image<Rgb24> image)
    {
        var config = p.Config;
        int inW = image.Width, inH = image.Height;
        var (newW, newH) = p.ResizedSize(inW, inH);
        var hc = BicubicResampler.Create(inW, newW, 0, newW);
        var vc = BicubicResampler.Create(inH, newH, 0, newH);
        var horizontal = new byte[inH, newW, 3];
        for (int y = 0; y < inH; y++)
        {
            for (int x = 0; x < newW; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    horizontal[y, x, c] = newW == inW ? Channel(image[x, y], c) : Tap(hc, x, k => Channel(image[k, y], c));
                }
            }
        }

        var resized = new byte[newH, newW, 3];
        for (int y = 0; y < newH; y++)
        {
            for (int x = 0; x < newW; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    resized[y, x, c] = newH == inH ? horizontal[y, x, c] : Tap(vc, y, k => horizontal[k, x, c]);
                }
            }
        }

        int outH = p.Height, outW = p.Width, plane = outH * outW;
        int top = Offset(newH, outH), left = Offset(newW, outW);
        var values = new float[p.ValuesPerImage];
        for (int y = 0; y < outH; y++)
        {
            for (int x = 0; x < outW; x++)
            {
                int sy = y + top, sx = x + left;
                bool inside = sy >= 0 && sy < newH && sx >= 0 && sx < newW;
                for (int c = 0; c < 3; c++)
                {
                    int level = inside ? resized[sy, sx, c] : 0;
                    float v = level / 255f;
                    values[(c * plane) + (y * outW) + x] = (v - config.Mean[c]) / config.Std[c];
                }
            }
        }

        return values;
    }

    private static int Offset(int size, int crop) =>
        size >= crop ? (int)Math.Round((size - crop) / 2.0, MidpointRounding.ToEven) : -((crop - size) / 2);

    private static byte Tap(BicubicResampler axis, int i, Func<int, byte> sample)
    {
        int sum = 1 << (BicubicResampler.PrecisionBits - 1);
        for (int k = 0; k < axis.Length[i]; k++)
        {
            sum += sample(axis.Start[i] + k) * axis.Weights[(i * axis.KernelSize) + k];
        }

        return BicubicResampler.Clip8(sum);
    }

    private static byte Channel(Rgb24 pixel, int c) => c == 0 ? pixel.R : c == 1 ? pixel.G : pixel.B;
}
