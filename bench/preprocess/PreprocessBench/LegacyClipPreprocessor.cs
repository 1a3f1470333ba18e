using System.Buffers;
using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;

using ClipGeometry.Embedding.Preprocessing;

namespace PreprocessBench;

/// <summary>
/// FROZEN COPY, for the benchmark only, of ClipPreprocessor as it was before the vectorised rewrite (commit cc6edb8).
/// </summary>
/// <remarks>
/// CLIP's image preprocessing in the order of HF's CLIPImageProcessor with torchvision's PIL path: the image is RGB
/// already (decoding drops alpha and expands palettes), the shortest edge is resized bicubically with PIL's
/// antialiasing and 8-bit rounding between the horizontal and vertical passes, the centre is cropped
/// (torchvision's rounding, zero padding when the crop is larger), grey levels are scaled and normalised per channel.
/// Only the cropped region is resampled. Output is float32 planar [3, H, W]. EXIF orientation is ignored, as the
/// references ignore it. Thread-safe: scratch memory is rented per call.
/// </remarks>
public sealed class LegacyClipPreprocessor
{
    private readonly float[][] _lookup;

    /// <summary>Creates the preprocessor for <paramref name="config"/> (CLIP's values when null).</summary>
    public LegacyClipPreprocessor(PreprocessorConfig? config = null)
    {
        Config = config ?? PreprocessorConfig.Clip;
        if (!Config.DoResize && !Config.DoCenterCrop)
        {
            throw new ArgumentException("A preprocessing without resize and without crop gives inputs of varying size; a model needs a fixed size.", nameof(config));
        }

        _lookup = new float[3][];
        for (int c = 0; c < 3; c++)
        {
            _lookup[c] = new float[256];
            for (int v = 0; v < 256; v++)
            {
                float x = Config.DoRescale ? (float)(v * Config.RescaleFactor) : v;
                if (Config.DoRescale && Config.RescaleFactor == 1.0 / 255.0)
                {
                    x = v / 255f;
                }

                _lookup[c][v] = Config.DoNormalize ? (x - Config.Mean[c]) / Config.Std[c] : x;
            }
        }
    }

    /// <summary>The configuration.</summary>
    public PreprocessorConfig Config { get; }

    /// <summary>The output height.</summary>
    public int Height => Config.OutputHeight;

    /// <summary>The output width.</summary>
    public int Width => Config.OutputWidth;

    /// <summary>Floats per image: 3 × <see cref="Height"/> × <see cref="Width"/>.</summary>
    public int ValuesPerImage => 3 * Height * Width;

    /// <summary>The size after the shortest-edge resize, as torchvision computes it (the long edge floored).</summary>
    public (int Width, int Height) ResizedSize(int width, int height)
    {
        if (!Config.DoResize)
        {
            return (width, height);
        }

        int edge = Config.ShortestEdge;
        return width <= height
            ? (edge, (int)((long)edge * height / width))
            : ((int)((long)edge * width / height), edge);
    }

    /// <summary>Preprocesses <paramref name="image"/> into <paramref name="destination"/> (length <see cref="ValuesPerImage"/>), planar RGB.</summary>
    public void Process(Image<Rgb24> image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (destination.Length != ValuesPerImage)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; one image needs {ValuesPerImage}.", nameof(destination));
        }

        int inW = image.Width;
        int inH = image.Height;
        var (newW, newH) = ResizedSize(inW, inH);
        int outH = Height;
        int outW = Width;
        int top = CropOffset(newH, outH);
        int left = CropOffset(newW, outW);

        // The output rows/columns that fall inside the resized image; the rest is zero padding.
        int rowFirst = Math.Max(0, -top);
        int rowEnd = Math.Min(outH, newH - top);
        int colFirst = Math.Max(0, -left);
        int colEnd = Math.Min(outW, newW - left);
        int rows = Math.Max(0, rowEnd - rowFirst);
        int cols = Math.Max(0, colEnd - colFirst);

        byte[] result = ArrayPool<byte>.Shared.Rent(Math.Max(1, outH * outW * 3));
        try
        {
            Span<byte> rgb = result.AsSpan(0, outH * outW * 3);
            if (rows < outH || cols < outW)
            {
                rgb.Clear();
            }

            if (rows > 0 && cols > 0)
            {
                Resample(image, newW, newH, top + rowFirst, rows, left + colFirst, cols, rgb, rowFirst, colFirst, outW);
            }

            Normalize(rgb, destination, outH * outW);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(result);
        }
    }

    private static int CropOffset(int size, int crop) =>
        size >= crop ? (int)Math.Round((size - crop) / 2.0, MidpointRounding.ToEven) : -((crop - size) / 2);

    private static void Resample(Image<Rgb24> image, int newW, int newH, int y0, int rows, int x0, int cols,
                                 Span<byte> output, int outRow0, int outCol0, int outW)
    {
        int inW = image.Width;
        int inH = image.Height;
        bool horizontal = newW != inW;
        bool vertical = newH != inH;
        var hCoeffs = horizontal ? LegacyBicubicResampler.Create(inW, newW, x0, cols) : null;
        var vCoeffs = vertical ? LegacyBicubicResampler.Create(inH, newH, y0, rows) : null;
        int srcRowFirst = vertical ? vCoeffs!.MinInput : y0;
        int srcRowEnd = vertical ? vCoeffs!.MaxInput : y0 + rows;
        int stride = cols * 3;
        int tempRows = srcRowEnd - srcRowFirst;
        byte[] temp = ArrayPool<byte>.Shared.Rent(Math.Max(1, tempRows * stride));
        int[] acc = ArrayPool<int>.Shared.Rent(stride);
        try
        {
            // Horizontal pass (or a copy of the kept columns) over the input rows the vertical pass reads.
            for (int y = srcRowFirst; y < srcRowEnd; y++)
            {
                ReadOnlySpan<byte> src = MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span);
                Span<byte> dst = temp.AsSpan((y - srcRowFirst) * stride, stride);
                if (horizontal)
                {
                    HorizontalRow(src, dst, hCoeffs!);
                }
                else
                {
                    src.Slice(x0 * 3, stride).CopyTo(dst);
                }
            }

            for (int r = 0; r < rows; r++)
            {
                Span<byte> dst = output.Slice(((outRow0 + r) * outW + outCol0) * 3, stride);
                if (!vertical)
                {
                    temp.AsSpan((y0 + r - srcRowFirst) * stride, stride).CopyTo(dst);
                    continue;
                }

                Span<int> sums = acc.AsSpan(0, stride);
                sums.Fill(1 << (LegacyBicubicResampler.PrecisionBits - 1));
                int start = vCoeffs!.Start[r];
                int length = vCoeffs.Length[r];
                ReadOnlySpan<int> w = vCoeffs.Weights.AsSpan(r * vCoeffs.KernelSize, length);
                for (int k = 0; k < length; k++)
                {
                    int weight = w[k];
                    ReadOnlySpan<byte> row = temp.AsSpan((start + k - srcRowFirst) * stride, stride);
                    for (int x = 0; x < sums.Length; x++)
                    {
                        sums[x] += row[x] * weight;
                    }
                }

                for (int x = 0; x < sums.Length; x++)
                {
                    dst[x] = LegacyBicubicResampler.Clip8(sums[x]);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(acc);
            ArrayPool<byte>.Shared.Return(temp);
        }
    }

    private static void HorizontalRow(ReadOnlySpan<byte> src, Span<byte> dst, LegacyBicubicResampler coeffs)
    {
        int half = 1 << (LegacyBicubicResampler.PrecisionBits - 1);
        int kernelSize = coeffs.KernelSize;
        int[] weights = coeffs.Weights;
        for (int j = 0; j < coeffs.Start.Length; j++)
        {
            int s0 = half, s1 = half, s2 = half;
            int offset = coeffs.Start[j] * 3;
            int length = coeffs.Length[j];
            ReadOnlySpan<int> w = weights.AsSpan(j * kernelSize, length);
            ReadOnlySpan<byte> px = src.Slice(offset, length * 3);
            for (int k = 0; k < w.Length; k++)
            {
                int weight = w[k];
                s0 += px[3 * k] * weight;
                s1 += px[(3 * k) + 1] * weight;
                s2 += px[(3 * k) + 2] * weight;
            }

            dst[3 * j] = LegacyBicubicResampler.Clip8(s0);
            dst[(3 * j) + 1] = LegacyBicubicResampler.Clip8(s1);
            dst[(3 * j) + 2] = LegacyBicubicResampler.Clip8(s2);
        }
    }

    private void Normalize(ReadOnlySpan<byte> rgb, Span<float> destination, int plane)
    {
        Span<float> r = destination[..plane];
        Span<float> g = destination.Slice(plane, plane);
        Span<float> b = destination.Slice(2 * plane, plane);
        float[] lr = _lookup[0], lg = _lookup[1], lb = _lookup[2];
        for (int i = 0; i < plane; i++)
        {
            r[i] = lr[rgb[3 * i]];
            g[i] = lg[rgb[(3 * i) + 1]];
            b[i] = lb[rgb[(3 * i) + 2]];
        }
    }
}
