using System.Collections.Concurrent;

namespace ClipGeometry.Embedding.Preprocessing;

/// <summary>
/// One axis of a separable bicubic resampling (Keys' kernel with a = −0.5), computed the way PIL computes it for
/// 8-bit images: the kernel's support grows with the downscale factor (antialiasing), weights are normalised to sum
/// to one, then turned into fixed-point integers with 22 fractional bits; sums start at one half and are clipped to
/// 0…255. Only the output positions in [<c>first</c>, <c>first + count</c>) are computed, so a centre crop costs only
/// the pixels it keeps. Nothing changes an instance after creation; <see cref="Cached"/> shares them between calls and threads.
/// </summary>
internal sealed class BicubicResampler
{
    /// <summary>PIL's fixed-point precision for 8-bit resampling: 32 − 8 − 2 bits.</summary>
    internal const int PrecisionBits = 32 - 8 - 2;

    private const double Support = 2.0;
    private const double A = -0.5;

    /// <summary>How many coefficient sets <see cref="Cached"/> keeps before it starts afresh (images come in few sizes).</summary>
    private const int CacheCapacity = 256;

    private static readonly ConcurrentDictionary<(int InSize, int OutSize, int First, int Count), BicubicResampler> Cache = new();

    private BicubicResampler(int[] start, int[] length, int[] weights, int kernelSize)
    {
        Start = start;
        Length = length;
        Weights = weights;
        KernelSize = kernelSize;
        int min = int.MaxValue, max = 0;
        for (int i = 0; i < start.Length; i++)
        {
            min = Math.Min(min, start[i]);
            max = Math.Max(max, start[i] + length[i]);
        }

        MinInput = start.Length == 0 ? 0 : min;
        MaxInput = max;
        TapPairs = (kernelSize + 1) / 2;
        PairedRgbWeights = PairRgbWeights(length, weights, kernelSize, TapPairs);
    }

    /// <summary>The first input index each output position reads.</summary>
    public int[] Start { get; }

    /// <summary>How many input positions each output position reads.</summary>
    public int[] Length { get; }

    /// <summary>Fixed-point weights, <see cref="KernelSize"/> per output position.</summary>
    public int[] Weights { get; }

    /// <summary>The stride of <see cref="Weights"/>.</summary>
    public int KernelSize { get; }

    /// <summary>The stride, in groups of eight, of <see cref="PairedRgbWeights"/>: half the kernel size, rounded up.</summary>
    public int TapPairs { get; }

    /// <summary>
    /// <see cref="Weights"/> laid out for two RGB taps at a time: for output <c>i</c> and pair <c>p</c>, the eight
    /// integers at <c>(i × <see cref="TapPairs"/> + p) × 8</c> are <c>w[2p]</c> three times, <c>w[2p+1]</c> three
    /// times (zero past <see cref="Length"/>), then two zeros, matching the bytes R G B R G B R G of two pixels.
    /// </summary>
    public int[] PairedRgbWeights { get; }

    /// <summary>The lowest input index any output position reads.</summary>
    public int MinInput { get; }

    /// <summary>One past the highest input index any output position reads.</summary>
    public int MaxInput { get; }

    /// <summary>Keys' cubic convolution kernel with a = −0.5 (PIL's BICUBIC).</summary>
    public static double Kernel(double x)
    {
        x = Math.Abs(x);
        if (x < 1.0)
        {
            return (((A + 2.0) * x) - (A + 3.0)) * x * x + 1.0;
        }

        if (x < 2.0)
        {
            return (((x - 5.0) * x + 8.0) * x - 4.0) * A;
        }

        return 0.0;
    }

    /// <summary>
    /// <see cref="Create"/>'s coefficients, computed once per (<paramref name="inSize"/>, <paramref name="outSize"/>,
    /// <paramref name="first"/>, <paramref name="count"/>) and shared; thread-safe.
    /// </summary>
    public static BicubicResampler Cached(int inSize, int outSize, int first, int count)
    {
        var key = (inSize, outSize, first, count);
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (Cache.Count >= CacheCapacity)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(key, k => Create(k.InSize, k.OutSize, k.First, k.Count));
    }

    /// <summary>The coefficients that resample <paramref name="inSize"/> samples to <paramref name="outSize"/>, for outputs <paramref name="first"/>… (<paramref name="count"/> of them).</summary>
    public static BicubicResampler Create(int inSize, int outSize, int first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outSize, 1);
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = Support * filterScale;
        int kernelSize = (int)Math.Ceiling(support) * 2 + 1;
        var start = new int[count];
        var length = new int[count];
        var weights = new int[count * kernelSize];
        var k = new double[kernelSize];
        double inverse = 1.0 / filterScale;
        for (int i = 0; i < count; i++)
        {
            int xx = first + i;
            double center = (xx + 0.5) * scale;
            int xmin = (int)(center - support + 0.5);
            xmin = Math.Max(xmin, 0);
            int xmax = (int)(center + support + 0.5);
            xmax = Math.Min(xmax, inSize) - xmin;
            double sum = 0.0;
            for (int x = 0; x < xmax; x++)
            {
                double w = Kernel((x + xmin - center + 0.5) * inverse);
                k[x] = w;
                sum += w;
            }

            for (int x = 0; x < xmax; x++)
            {
                double w = sum != 0.0 ? k[x] / sum : k[x];
                double scaled = w * (1 << PrecisionBits);
                weights[(i * kernelSize) + x] = (int)(w < 0 ? scaled - 0.5 : scaled + 0.5);
            }

            start[i] = xmin;
            length[i] = xmax;
        }

        return new BicubicResampler(start, length, weights, kernelSize);
    }

    private static int[] PairRgbWeights(int[] length, int[] weights, int kernelSize, int pairs)
    {
        var paired = new int[length.Length * pairs * 8];
        for (int i = 0; i < length.Length; i++)
        {
            for (int k = 0; k < length[i]; k++)
            {
                int at = ((i * pairs) + (k / 2)) * 8 + (k % 2 * 3);
                paired.AsSpan(at, 3).Fill(weights[(i * kernelSize) + k]);
            }
        }

        return paired;
    }

    /// <summary>PIL's clip8: a fixed-point sum back to a grey level.</summary>
    public static byte Clip8(int sum)
    {
        int v = sum >> PrecisionBits;
        return v < 0 ? (byte)0 : v > 255 ? (byte)255 : (byte)v;
    }
}
