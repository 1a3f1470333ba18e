using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Perturbations;

/// <summary>
/// Gaussian blur of standard deviation σ pixels, the same as
/// <c>scipy.ndimage.gaussian_filter(img.astype(float), (σ, σ, 0), mode="reflect", truncate=4.0)</c> followed by
/// rounding to the nearest grey level: an exact sampled Gaussian truncated at radius <c>int(4σ + 0.5)</c>,
/// normalised to sum 1, with half-sample symmetric borders (<c>d c b a | a b c d | d c b a</c>, repeated for
/// kernels wider than the image). Separable: one horizontal and one vertical pass in single precision over
/// whole rows with <see cref="Vector{T}"/>; the three channels are filtered independently. σ = 0 is the identity.
/// </summary>
public sealed class GaussianBlur : Perturbation
{
    /// <summary>SciPy's default truncation, in standard deviations.</summary>
    public const double Truncate = 4.0;

    /// <summary>The largest σ accepted (pixels); larger values are certainly a mistake.</summary>
    public const double MaxSigma = 1000.0;

    private const int Channels = 3;

    private readonly float[] _halfKernel;

    /// <summary>Creates the blur with standard deviation <paramref name="sigma"/> pixels (0 … <see cref="MaxSigma"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">σ is negative, not finite or above <see cref="MaxSigma"/>.</exception>
    public GaussianBlur(double sigma)
    {
        if (!double.IsFinite(sigma) || sigma < 0 || sigma > MaxSigma)
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma,
                string.Create(CultureInfo.InvariantCulture, $"The blur's sigma must be a number from 0 to {MaxSigma} pixels."));
        }

        Sigma = sigma;
        Radius = sigma == 0 ? 0 : (int)((Truncate * sigma) + 0.5);
        _halfKernel = Kernel(sigma, Radius);
    }

    /// <summary>The standard deviation in pixels.</summary>
    public double Sigma { get; }

    /// <summary>The kernel radius, <c>int(4σ + 0.5)</c> as SciPy computes it.</summary>
    public int Radius { get; }

    /// <inheritdoc />
    public override string Name => "blur";

    /// <inheritdoc />
    public override double Level => Sigma;

    /// <inheritdoc />
    public override bool IsIdentity => Radius == 0;

    /// <inheritdoc />
    public override string CacheKey => string.Create(CultureInfo.InvariantCulture, $"blur(sigma={Sigma:R})");

    /// <summary>
    /// The kernel's weights for offsets 0 … <see cref="Radius"/> (it is symmetric): exp(−x²/2σ²) normalised over
    /// −r … r, in double precision as SciPy computes them, then stored as float.
    /// </summary>
    public ReadOnlySpan<float> HalfKernel => _halfKernel;

    /// <inheritdoc />
    public override void Apply(Image<Rgb24> image, ulong imageSeed)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (IsIdentity)
        {
            return;
        }

        int width = image.Width;
        int height = image.Height;
        int rowLength = width * Channels;
        int r = Radius;

        // Border index maps for both directions: source column/row for each padded position.
        int[] columnMap = ArrayPool<int>.Shared.Rent(width + (2 * r));
        int[] rowMap = ArrayPool<int>.Shared.Rent(height + (2 * r));
        float[] padded = ArrayPool<float>.Shared.Rent((width + (2 * r)) * Channels);
        float[] rows = ArrayPool<float>.Shared.Rent(rowLength * height);
        float[] output = ArrayPool<float>.Shared.Rent(rowLength);
        try
        {
            FillReflectMap(columnMap.AsSpan(0, width + (2 * r)), width, r);
            FillReflectMap(rowMap.AsSpan(0, height + (2 * r)), height, r);
            var weights = _halfKernel.AsSpan();
            var paddedRow = padded.AsSpan(0, (width + (2 * r)) * Channels);
            var intermediate = rows.AsSpan(0, rowLength * height);
            var outputRow = output.AsSpan(0, rowLength);
            var columns = columnMap.AsSpan(0, width + (2 * r));
            var rowIndex = rowMap.AsSpan(0, height + (2 * r));

            // Horizontal pass: each image row, padded with reflected pixels, into the float buffer.
            for (int y = 0; y < height; y++)
            {
                var source = MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span);
                for (int p = 0; p < columns.Length; p++)
                {
                    int s = columns[p] * Channels;
                    int d = p * Channels;
                    paddedRow[d] = source[s];
                    paddedRow[d + 1] = source[s + 1];
                    paddedRow[d + 2] = source[s + 2];
                }

                Convolve(paddedRow, Channels, weights, intermediate.Slice(y * rowLength, rowLength));
            }

            // Vertical pass: each output row from 2r + 1 rows of the float buffer, then round to bytes.
            for (int y = 0; y < height; y++)
            {
                ConvolveRows(intermediate, rowLength, rowIndex.Slice(y, (2 * r) + 1), weights, outputRow);
                var target = MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span);
                RoundToBytes(outputRow, target);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(columnMap);
            ArrayPool<int>.Shared.Return(rowMap);
            ArrayPool<float>.Shared.Return(padded);
            ArrayPool<float>.Shared.Return(rows);
            ArrayPool<float>.Shared.Return(output);
        }
    }

    /// <summary>
    /// Fills <paramref name="map"/> (length n + 2r) with SciPy's "reflect" source index for padded positions
    /// −r … n + r − 1: half-sample symmetric, period 2n.
    /// </summary>
    internal static void FillReflectMap(Span<int> map, int n, int r)
    {
        long period = 2L * n;
        for (int p = 0; p < map.Length; p++)
        {
            long i = p - r;
            long m = ((i % period) + period) % period;
            map[p] = (int)(m < n ? m : period - 1 - m);
        }
    }

    private static float[] Kernel(double sigma, int radius)
    {
        var half = new float[radius + 1];
        if (radius == 0)
        {
            half[0] = 1f;
            return half;
        }

        var exact = new double[radius + 1];
        double sum = 0;
        for (int x = 0; x <= radius; x++)
        {
            exact[x] = Math.Exp(-0.5 / (sigma * sigma) * x * x);
            sum += x == 0 ? exact[x] : 2 * exact[x];
        }

        for (int x = 0; x <= radius; x++)
        {
            half[x] = (float)(exact[x] / sum);
        }

        return half;
    }

    /// <summary>
    /// out[j] = Σ_k w[|k|] · padded[j + stride·(r + k)], k = −r … r, over the whole row (channels interleaved
    /// with <paramref name="stride"/>), so that one vector covers several pixels and channels at once.
    /// </summary>
    private static void Convolve(ReadOnlySpan<float> padded, int stride, ReadOnlySpan<float> w, Span<float> output)
    {
        int r = w.Length - 1;
        int n = output.Length;
        int centre = stride * r;
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref float source = ref MemoryMarshal.GetReference(padded);
            ref float target = ref MemoryMarshal.GetReference(output);
            for (; j <= n - Vector<float>.Count; j += Vector<float>.Count)
            {
                var acc = Vector.LoadUnsafe(ref source, (nuint)(j + centre)) * w[0];
                for (int k = 1; k <= r; k++)
                {
                    var pair = Vector.LoadUnsafe(ref source, (nuint)(j + centre - (stride * k)))
                               + Vector.LoadUnsafe(ref source, (nuint)(j + centre + (stride * k)));
                    acc += pair * w[k];
                }

                acc.StoreUnsafe(ref target, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            float acc = padded[j + centre] * w[0];
            for (int k = 1; k <= r; k++)
            {
                acc += (padded[j + centre - (stride * k)] + padded[j + centre + (stride * k)]) * w[k];
            }

            output[j] = acc;
        }
    }

    /// <summary>out = Σ_k w[|k|] · rows[rowIndex[r + k]], k = −r … r, each row of <paramref name="rowLength"/> floats.</summary>
    private static void ConvolveRows(ReadOnlySpan<float> rows, int rowLength, ReadOnlySpan<int> rowIndex, ReadOnlySpan<float> w, Span<float> output)
    {
        int r = w.Length - 1;
        int j = 0;
        ref float source = ref MemoryMarshal.GetReference(rows);
        if (Vector.IsHardwareAccelerated)
        {
            ref float target = ref MemoryMarshal.GetReference(output);
            for (; j <= rowLength - Vector<float>.Count; j += Vector<float>.Count)
            {
                var acc = Vector.LoadUnsafe(ref source, (nuint)((rowIndex[r] * rowLength) + j)) * w[0];
                for (int k = 1; k <= r; k++)
                {
                    var pair = Vector.LoadUnsafe(ref source, (nuint)((rowIndex[r - k] * rowLength) + j))
                               + Vector.LoadUnsafe(ref source, (nuint)((rowIndex[r + k] * rowLength) + j));
                    acc += pair * w[k];
                }

                acc.StoreUnsafe(ref target, (nuint)j);
            }
        }

        for (; j < rowLength; j++)
        {
            float acc = Unsafe.Add(ref source, (rowIndex[r] * rowLength) + j) * w[0];
            for (int k = 1; k <= r; k++)
            {
                acc += (Unsafe.Add(ref source, (rowIndex[r - k] * rowLength) + j)
                        + Unsafe.Add(ref source, (rowIndex[r + k] * rowLength) + j)) * w[k];
            }

            output[j] = acc;
        }
    }

    /// <summary>Rounds half up and clamps to 0 … 255 (the blurred values are already within range up to rounding error).</summary>
    private static void RoundToBytes(ReadOnlySpan<float> values, Span<byte> target)
    {
        for (int j = 0; j < values.Length; j++)
        {
            float v = values[j] + 0.5f;
            target[j] = v <= 0f ? (byte)0 : v >= 255f ? (byte)255 : (byte)v;
        }
    }
}
