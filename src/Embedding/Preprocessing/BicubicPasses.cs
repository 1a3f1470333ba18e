using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClipGeometry.Embedding.Preprocessing;

/// <summary>
/// The two passes of PIL's 8-bit separable resampling on interleaved RGB bytes, vectorised but bit-exact: every
/// output is <c>clip8(½ + Σ weight × sample)</c> in 32-bit integer arithmetic, exactly as in
/// <see cref="BicubicResampler.Clip8"/>, only several sums at a time.
/// The horizontal pass computes one output pixel in a <see cref="Vector256{T}"/>: eight bytes (two taps' R G B and
/// two spare bytes) times <see cref="BicubicResampler.PairedRgbWeights"/>, the two taps' lanes added at the end. The vertical pass computes 32 consecutive bytes of a row at a
/// time with <see cref="Vector256{T}"/> accumulators. Both read and write a little past the bytes they use: the
/// callers pad their buffers (<see cref="SourceSlack"/>, <see cref="PixelSlack"/>, <see cref="RowAlignment"/>).
/// </summary>
internal static class BicubicPasses
{
    /// <summary>Bytes a horizontal pass may read after the last pixel it uses (two pixels are read as 8 bytes).</summary>
    public const int SourceSlack = 5;

    /// <summary>Bytes a horizontal pass may write after the last pixel it computes (a pixel is written as 4 bytes).</summary>
    public const int PixelSlack = 1;

    /// <summary>The vertical pass works on rows whose length is a multiple of this many bytes.</summary>
    public const int RowAlignment = 32;

    private const int Half = 1 << (BicubicResampler.PrecisionBits - 1);

    /// <summary>Rounds a row length up to <see cref="RowAlignment"/> after adding <see cref="PixelSlack"/>.</summary>
    public static int PaddedRowLength(int bytes) => (bytes + PixelSlack + RowAlignment - 1) / RowAlignment * RowAlignment;

    /// <summary>
    /// Resamples one row of RGB pixels horizontally: output pixel <c>j</c> of <paramref name="coeffs"/> goes to
    /// <paramref name="destination"/>[3j…3j+2]. <paramref name="source"/> starts at input pixel
    /// <paramref name="sourceOrigin"/> and holds <see cref="SourceSlack"/> readable bytes after the last pixel used.
    /// </summary>
    public static void HorizontalRow(ReadOnlySpan<byte> source, int sourceOrigin, Span<byte> destination, BicubicResampler coeffs)
    {
        int count = coeffs.Start.Length;
        if (sourceOrigin > coeffs.MinInput || source.Length < ((coeffs.MaxInput - sourceOrigin) * 3) + SourceSlack
            || destination.Length < (count * 3) + PixelSlack)
        {
            throw new ArgumentException("The rows are too short for these coefficients (padding missing).");
        }

        ref byte src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        ref int weights = ref MemoryMarshal.GetArrayDataReference(coeffs.PairedRgbWeights);
        int pairs = coeffs.TapPairs;
        var firstSum = Vector256.Create(Half, Half, Half, 0, 0, 0, 0, 0);
        for (int j = 0; j < count; j++)
        {
            ref byte pixel = ref Unsafe.Add(ref src, (coeffs.Start[j] - sourceOrigin) * 3);
            ref int w = ref Unsafe.Add(ref weights, j * pairs * 8);
            int used = (coeffs.Length[j] + 1) / 2;
            var sum = firstSum;
            for (int p = 0; p < used; p++)
            {
                sum += LoadEightBytes(ref Unsafe.Add(ref pixel, 6 * p)) * Vector256.LoadUnsafe(ref w, (nuint)(8 * p));
            }

            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, 3 * j), ToPixel(FoldPairs(sum)));
        }
    }

    /// <summary>
    /// One output row of the vertical pass: <paramref name="weights"/>[k] times row <paramref name="firstRow"/> + k of
    /// <paramref name="rows"/> (rows of <paramref name="rowLength"/> bytes, a multiple of <see cref="RowAlignment"/>),
    /// summed, into <paramref name="destination"/>[0…<paramref name="rowLength"/>).
    /// </summary>
    public static void VerticalRow(ReadOnlySpan<byte> rows, int rowLength, int firstRow, ReadOnlySpan<int> weights, Span<byte> destination)
    {
        if (rowLength % RowAlignment != 0 || firstRow < 0 || rows.Length < (firstRow + weights.Length) * rowLength
            || destination.Length < rowLength)
        {
            throw new ArgumentException("The rows are too short or not aligned for these coefficients.");
        }

        ref byte top = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), firstRow * rowLength);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        ref int w = ref MemoryMarshal.GetReference(weights);
        for (int x = 0; x < rowLength; x += RowAlignment)
        {
            var s0 = Vector256.Create(Half);
            var s1 = s0;
            var s2 = s0;
            var s3 = s0;
            ref byte column = ref Unsafe.Add(ref top, x);
            for (int k = 0; k < weights.Length; k++)
            {
                var weight = Vector256.Create(Unsafe.Add(ref w, k));
                ref byte p = ref Unsafe.Add(ref column, k * rowLength);
                s0 += LoadEightBytes(ref p) * weight;
                s1 += LoadEightBytes(ref Unsafe.Add(ref p, 8)) * weight;
                s2 += LoadEightBytes(ref Unsafe.Add(ref p, 16)) * weight;
                s3 += LoadEightBytes(ref Unsafe.Add(ref p, 24)) * weight;
            }

            ToBytes(s0, s1, s2, s3).StoreUnsafe(ref dst, (nuint)x);
        }
    }

    /// <summary>Lanes 0…2 (R, G, B of the even taps) plus lanes 3…5 (the odd taps).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> FoldPairs(Vector256<int> sum) =>
        (sum + Vector256.Shuffle(sum, Vector256.Create(3, 4, 5, 3, 3, 3, 3, 3))).GetLower();

    /// <summary>The eight bytes at <paramref name="p"/> as eight integers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> LoadEightBytes(ref byte p)
    {
        var bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref p)).AsByte();
        if (Avx2.IsSupported)
        {
            return Avx2.ConvertToVector256Int32(bytes);
        }

        var words = Vector128.WidenLower(bytes);
        return Vector256.Create(Vector128.WidenLower(words), Vector128.WidenUpper(words)).AsInt32();
    }

    /// <summary>Four fixed-point sums clipped to grey levels, packed into four bytes (the first three are R, G, B).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ToPixel(Vector128<int> sum)
    {
        var levels = Vector128.ShiftRightArithmetic(sum, BicubicResampler.PrecisionBits);
        if (Sse2.IsSupported)
        {
            // Saturating packs clamp to −32768…32767, then to 0…255: PIL's clip8 for the range these sums take.
            var words = Sse2.PackSignedSaturate(levels, levels);
            return Sse2.PackUnsignedSaturate(words, words).AsUInt32().ToScalar();
        }

        var clipped = Vector128.Min(Vector128.Max(levels, Vector128<int>.Zero), Vector128.Create(255)).AsUInt32();
        var narrowed = Vector128.Narrow(clipped, clipped);
        return Vector128.Narrow(narrowed, narrowed).AsUInt32().ToScalar();
    }

    /// <summary>32 fixed-point sums clipped to grey levels, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> ToBytes(Vector256<int> s0, Vector256<int> s1, Vector256<int> s2, Vector256<int> s3)
    {
        var low = Vector256.Narrow(Clip(s0), Clip(s1));
        var high = Vector256.Narrow(Clip(s2), Clip(s3));
        return Vector256.Narrow(low, high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Clip(Vector256<int> sum)
    {
        var levels = Vector256.ShiftRightArithmetic(sum, BicubicResampler.PrecisionBits);
        return Vector256.Min(Vector256.Max(levels, Vector256<int>.Zero), Vector256.Create(255)).AsUInt32();
    }
}
