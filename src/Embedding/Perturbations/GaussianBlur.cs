using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
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

        // Border index maps for both directions: source column/row for each padded position. The horizontally
        // filtered rows live in a ring of min(height, 2r + 1) rows, row s in slot s mod slots: a window of 2r + 1
        // taps always covers at most 2r + 1 consecutive source rows, so memory stays O(r · width), not O(image).
        int slots = Math.Min(height, (2 * r) + 1);
        int[] columnMap = ArrayPool<int>.Shared.Rent(width + (2 * r));
        int[] rowMap = ArrayPool<int>.Shared.Rent(height + (2 * r));
        int[] slotRow = ArrayPool<int>.Shared.Rent(slots);
        float[] padded = ArrayPool<float>.Shared.Rent((width + (2 * r)) * Channels);
        float[] ring = ArrayPool<float>.Shared.Rent(rowLength * slots);
        float[] output = ArrayPool<float>.Shared.Rent(rowLength);
        nint[] offsets = ArrayPool<nint>.Shared.Rent(4 * (r + 1));
        try
        {
            FillReflectMap(columnMap.AsSpan(0, width + (2 * r)), width, r);
            FillReflectMap(rowMap.AsSpan(0, height + (2 * r)), height, r);
            slotRow.AsSpan(0, slots).Fill(-1);
            var weights = _halfKernel.AsSpan();
            var paddedRow = padded.AsSpan(0, (width + (2 * r)) * Channels);
            var filtered = ring.AsSpan(0, rowLength * slots);
            var outputRow = output.AsSpan(0, rowLength);
            var columns = columnMap.AsSpan(0, width + (2 * r));
            var rowIndex = rowMap.AsSpan(0, height + (2 * r));

            // Tap offsets of the horizontal pass: tap ±k of output value j is padded[centre ± 3k + j].
            var horizontalLo = offsets.AsSpan(0, r + 1);
            var horizontalHi = offsets.AsSpan(r + 1, r + 1);
            var lo = offsets.AsSpan(2 * (r + 1), r + 1);
            var hi = offsets.AsSpan(3 * (r + 1), r + 1);
            for (int k = 0; k <= r; k++)
            {
                horizontalLo[k] = Channels * (r - k);
                horizontalHi[k] = Channels * (r + k);
            }

            for (int y = 0; y < height; y++)
            {
                // Horizontal pass for the source rows of this window not yet in the ring. Each source row is
                // filtered once, before the vertical pass overwrites it in place (its first window starts at or
                // before it).
                for (int t = 0; t <= 2 * r; t++)
                {
                    int sourceRow = rowIndex[y + t];
                    int slot = sourceRow % slots;
                    if (slotRow[slot] == sourceRow)
                    {
                        continue;
                    }

                    var source = MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(sourceRow).Span);
                    TensorPrimitives.ConvertChecked<byte, float>(source, paddedRow.Slice(Channels * r, rowLength));
                    for (int p = 0; p < columns.Length; p++)
                    {
                        if (p == r)
                        {
                            p = r + width - 1; // the interior is done; continue with the right border
                            continue;
                        }

                        int from = columns[p] * Channels;
                        int to = p * Channels;
                        paddedRow[to] = source[from];
                        paddedRow[to + 1] = source[from + 1];
                        paddedRow[to + 2] = source[from + 2];
                    }

                    Convolve(paddedRow, horizontalLo, horizontalHi, weights, filtered.Slice(slot * rowLength, rowLength));
                    slotRow[slot] = sourceRow;
                }

                // Vertical pass: tap ±k of output row y is the (reflected) source row y ± k; round to bytes in place.
                for (int k = 0; k <= r; k++)
                {
                    lo[k] = (nint)(rowIndex[y + r - k] % slots) * rowLength;
                    hi[k] = (nint)(rowIndex[y + r + k] % slots) * rowLength;
                }

                Convolve(filtered, lo, hi, weights, outputRow);
                var target = MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span);
                RoundToBytes(outputRow, target);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(columnMap);
            ArrayPool<int>.Shared.Return(rowMap);
            ArrayPool<int>.Shared.Return(slotRow);
            ArrayPool<float>.Shared.Return(padded);
            ArrayPool<float>.Shared.Return(ring);
            ArrayPool<float>.Shared.Return(output);
            ArrayPool<nint>.Shared.Return(offsets);
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
    /// out[j] = w[0]·src[lo[0] + j] + Σ_{k≥1} w[k]·(src[lo[k] + j] + src[hi[k] + j]) for every j of the output row:
    /// the symmetric kernel over taps given as offsets into <paramref name="source"/>, so that one routine serves the
    /// horizontal pass (offsets ±3k in a padded row, channels interleaved) and the vertical one (offsets of rows).
    /// Four independent vector accumulators hide the latency of the multiply–add chain.
    /// </summary>
    private static void Convolve(ReadOnlySpan<float> source, ReadOnlySpan<nint> lo, ReadOnlySpan<nint> hi, ReadOnlySpan<float> w, Span<float> output)
    {
        int taps = w.Length;
        int n = output.Length;
        int width = Vector<float>.Count;
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(output);
        ref nint low = ref MemoryMarshal.GetReference(lo);
        ref nint high = ref MemoryMarshal.GetReference(hi);
        ref float weight = ref MemoryMarshal.GetReference(w);
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= n - (4 * width); j += 4 * width)
            {
                var w0 = new Vector<float>(weight);
                ref float c = ref Unsafe.Add(ref src, low + j);
                var acc0 = Vector.LoadUnsafe(ref c) * w0;
                var acc1 = Vector.LoadUnsafe(ref c, (nuint)width) * w0;
                var acc2 = Vector.LoadUnsafe(ref c, (nuint)(2 * width)) * w0;
                var acc3 = Vector.LoadUnsafe(ref c, (nuint)(3 * width)) * w0;
                for (int k = 1; k < taps; k++)
                {
                    var wk = new Vector<float>(Unsafe.Add(ref weight, k));
                    ref float a = ref Unsafe.Add(ref src, Unsafe.Add(ref low, k) + j);
                    ref float b = ref Unsafe.Add(ref src, Unsafe.Add(ref high, k) + j);
                    acc0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a) + Vector.LoadUnsafe(ref b), wk, acc0);
                    acc1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, (nuint)width) + Vector.LoadUnsafe(ref b, (nuint)width), wk, acc1);
                    acc2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, (nuint)(2 * width)) + Vector.LoadUnsafe(ref b, (nuint)(2 * width)), wk, acc2);
                    acc3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, (nuint)(3 * width)) + Vector.LoadUnsafe(ref b, (nuint)(3 * width)), wk, acc3);
                }

                acc0.StoreUnsafe(ref dst, (nuint)j);
                acc1.StoreUnsafe(ref dst, (nuint)(j + width));
                acc2.StoreUnsafe(ref dst, (nuint)(j + (2 * width)));
                acc3.StoreUnsafe(ref dst, (nuint)(j + (3 * width)));
            }

            for (; j <= n - width; j += width)
            {
                var acc = Vector.LoadUnsafe(ref Unsafe.Add(ref src, low + j)) * new Vector<float>(weight);
                for (int k = 1; k < taps; k++)
                {
                    var pair = Vector.LoadUnsafe(ref Unsafe.Add(ref src, Unsafe.Add(ref low, k) + j))
                               + Vector.LoadUnsafe(ref Unsafe.Add(ref src, Unsafe.Add(ref high, k) + j));
                    acc = Vector.FusedMultiplyAdd(pair, new Vector<float>(Unsafe.Add(ref weight, k)), acc);
                }

                acc.StoreUnsafe(ref dst, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            float acc = source[(int)(lo[0] + j)] * w[0];
            for (int k = 1; k < taps; k++)
            {
                acc += (source[(int)(lo[k] + j)] + source[(int)(hi[k] + j)]) * w[k];
            }

            output[j] = acc;
        }
    }

    /// <summary>
    /// Rounds half up and clamps to 0 … 255: floor(v + 0.5) by a saturating conversion (the blurred values are
    /// within range up to rounding error, so v + 0.5 is positive).
    /// </summary>
    private static void RoundToBytes(Span<float> values, Span<byte> target)
    {
        TensorPrimitives.Add(values, 0.5f, values);
        TensorPrimitives.ConvertSaturating<float, byte>(values, target);
    }
}
