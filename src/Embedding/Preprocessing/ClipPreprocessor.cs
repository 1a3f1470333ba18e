using System.Buffers;
using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Preprocessing;

/// <summary>
/// CLIP's image preprocessing in the order of HF's CLIPImageProcessor with torchvision's PIL path: the image is RGB
/// already (decoding drops alpha and expands palettes), the shortest edge is resized bicubically with PIL's
/// antialiasing and 8-bit rounding between the horizontal and vertical passes, the centre is cropped
/// (torchvision's rounding, zero padding when the crop is larger), grey levels are scaled and normalised per channel.
/// Only the cropped region is resampled. Output is float32 planar [3, H, W]. EXIF orientation is ignored, as the
/// references ignore it. The passes are vectorised (<see cref="BicubicPasses"/>) yet bit-identical to PIL's integer
/// arithmetic; coefficients are cached per image size. Thread-safe: scratch memory is rented per call.
/// </summary>
public sealed class ClipPreprocessor
{
    private readonly float[][] _lookup;

    /// <summary>Creates the preprocessor for <paramref name="config"/> (CLIP's values when null).</summary>
    public ClipPreprocessor(PreprocessorConfig? config = null)
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

    /// <summary>Reads <c>preprocessor_config.json</c> from a model directory (CLIP's values when absent).</summary>
    public static ClipPreprocessor FromDirectory(string directory) => new(PreprocessorConfig.FromDirectory(directory));

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

        int plane = outH * outW;
        if (rows < outH || cols < outW)
        {
            FillWithBlack(destination, plane);
        }

        if (rows > 0 && cols > 0)
        {
            var region = new CropRegion(top + rowFirst, rows, left + colFirst, cols, rowFirst * outW + colFirst);
            Resample(image, newW, newH, region, destination);
        }
    }

    private static int CropOffset(int size, int crop) =>
        size >= crop ? (int)Math.Round((size - crop) / 2.0, MidpointRounding.ToEven) : -((crop - size) / 2);

    /// <summary>Padding: grey level 0 in every channel, rescaled and normalised.</summary>
    private void FillWithBlack(Span<float> destination, int plane)
    {
        for (int c = 0; c < 3; c++)
        {
            destination.Slice(c * plane, plane).Fill(_lookup[c][0]);
        }
    }

    /// <summary>
    /// PIL's two passes over the kept region only: horizontally over every input row the vertical pass reads, rounding
    /// to bytes, then vertically, each output row normalised straight into the planes of <paramref name="destination"/>.
    /// </summary>
    private void Resample(Image<Rgb24> image, int newW, int newH, CropRegion region, Span<float> destination)
    {
        int inW = image.Width;
        int inH = image.Height;
        bool horizontal = newW != inW;
        bool vertical = newH != inH;
        var hCoeffs = horizontal ? BicubicResampler.Cached(inW, newW, region.X0, region.Cols) : null;
        var vCoeffs = vertical ? BicubicResampler.Cached(inH, newH, region.Y0, region.Rows) : null;
        int srcRowFirst = vertical ? vCoeffs!.MinInput : region.Y0;
        int srcRowEnd = vertical ? vCoeffs!.MaxInput : region.Y0 + region.Rows;
        int stride = region.Cols * 3;
        int rowLength = BicubicPasses.PaddedRowLength(stride);
        int tempRows = srcRowEnd - srcRowFirst;
        int sourceCopyLength = horizontal ? ((hCoeffs!.MaxInput - hCoeffs.MinInput) * 3) + BicubicPasses.SourceSlack : 0;
        byte[] scratch = ArrayPool<byte>.Shared.Rent((tempRows * rowLength) + rowLength + sourceCopyLength);
        try
        {
            Span<byte> temp = scratch.AsSpan(0, tempRows * rowLength);
            Span<byte> outputRow = scratch.AsSpan(tempRows * rowLength, rowLength);
            Span<byte> sourceCopy = scratch.AsSpan((tempRows * rowLength) + rowLength, sourceCopyLength);
            for (int y = srcRowFirst; y < srcRowEnd; y++)
            {
                ReadOnlySpan<byte> src = MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span);
                Span<byte> dst = temp.Slice((y - srcRowFirst) * rowLength, rowLength);
                if (horizontal)
                {
                    HorizontalRow(src, hCoeffs!, sourceCopy, dst);
                }
                else
                {
                    src.Slice(region.X0 * 3, stride).CopyTo(dst);
                }
            }

            for (int r = 0; r < region.Rows; r++)
            {
                ReadOnlySpan<byte> rgb;
                if (vertical)
                {
                    int length = vCoeffs!.Length[r];
                    ReadOnlySpan<int> weights = vCoeffs.Weights.AsSpan(r * vCoeffs.KernelSize, length);
                    BicubicPasses.VerticalRow(temp, rowLength, vCoeffs.Start[r] - srcRowFirst, weights, outputRow);
                    rgb = outputRow;
                }
                else
                {
                    rgb = temp.Slice((region.Y0 + r - srcRowFirst) * rowLength, rowLength);
                }

                NormalizeRow(rgb[..stride], destination, region.OutputOffset + (r * Width));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// The horizontal pass of one input row. The pass reads a few bytes past the last pixel it uses; when the row ends
    /// too soon, the used part of the row is first copied into <paramref name="sourceCopy"/>, which has those bytes.
    /// </summary>
    private static void HorizontalRow(ReadOnlySpan<byte> row, BicubicResampler coeffs, Span<byte> sourceCopy, Span<byte> destination)
    {
        int origin = coeffs.MinInput;
        ReadOnlySpan<byte> used = row[(origin * 3)..];
        if (used.Length < sourceCopy.Length)
        {
            used[..(sourceCopy.Length - BicubicPasses.SourceSlack)].CopyTo(sourceCopy);
            used = sourceCopy;
        }

        BicubicPasses.HorizontalRow(used, origin, destination, coeffs);
    }

    /// <summary>Interleaved RGB grey levels of one output row, rescaled and normalised, into the three planes at <paramref name="offset"/>.</summary>
    private void NormalizeRow(ReadOnlySpan<byte> rgb, Span<float> destination, int offset)
    {
        int plane = Height * Width;
        int count = rgb.Length / 3;
        Span<float> r = destination.Slice(offset, count);
        Span<float> g = destination.Slice(plane + offset, count);
        Span<float> b = destination.Slice((2 * plane) + offset, count);
        float[] lr = _lookup[0], lg = _lookup[1], lb = _lookup[2];
        for (int i = 0; i < count; i++)
        {
            r[i] = lr[rgb[3 * i]];
            g[i] = lg[rgb[(3 * i) + 1]];
            b[i] = lb[rgb[(3 * i) + 2]];
        }
    }

    /// <summary>The part of the resized image that the crop keeps, and where its first pixel goes in each output plane.</summary>
    private readonly record struct CropRegion(int Y0, int Rows, int X0, int Cols, int OutputOffset);
}
