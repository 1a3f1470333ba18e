using System.Buffers;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using ClipGeometry.Geometry;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Perturbations;

/// <summary>
/// Additive Gaussian noise: every channel of every pixel gets an independent N(0, σ²) value in grey levels,
/// rounded to the nearest level and clamped to 0…255 (Box–Muller in single precision over whole rows; the
/// 24-bit uniforms cut the tails at 5.8σ, a probability of 10⁻⁸). The random numbers are a function of
/// (seed, image seed) only, so an image gets the same noise whatever the order of work; across CPUs with other
/// vector instructions, the vectorised float logarithm and sine may move a rare value by one grey level.
/// </summary>
public sealed class GaussianNoise : Perturbation
{
    /// <summary>The largest standard deviation accepted, in grey levels.</summary>
    public const double MaxStdDev = 1000.0;

    /// <summary>Creates the noise with standard deviation <paramref name="stdDev"/> grey levels and <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The standard deviation is negative, not finite or above <see cref="MaxStdDev"/>.</exception>
    public GaussianNoise(double stdDev, int seed = 0)
    {
        if (!double.IsFinite(stdDev) || stdDev < 0 || stdDev > MaxStdDev)
        {
            throw new ArgumentOutOfRangeException(nameof(stdDev), stdDev,
                string.Create(CultureInfo.InvariantCulture, $"The noise's standard deviation must be a number from 0 to {MaxStdDev} grey levels."));
        }

        StdDev = stdDev;
        Seed = seed;
    }

    /// <summary>The standard deviation in grey levels.</summary>
    public double StdDev { get; }

    /// <summary>The seed, combined with each image's seed.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public override string Name => "noise";

    /// <inheritdoc />
    public override double Level => StdDev;

    /// <inheritdoc />
    public override bool IsIdentity => StdDev == 0;

    /// <inheritdoc />
    public override string CacheKey => string.Create(CultureInfo.InvariantCulture, $"noise(std={StdDev:R},seed={Seed})");

    /// <inheritdoc />
    public override void Apply(Image<Rgb24> image, ulong imageSeed)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (IsIdentity)
        {
            return;
        }

        var random = new SplitMix64(SplitMix64.Mix(unchecked((ulong)Seed) ^ 0xA0761D6478BD642FUL) ^ SplitMix64.Mix(imageSeed));
        int rowLength = image.Width * 3;
        int pairs = (rowLength + 1) / 2;
        float[] radii = ArrayPool<float>.Shared.Rent(pairs);
        float[] angles = ArrayPool<float>.Shared.Rent(pairs);
        float[] sines = ArrayPool<float>.Shared.Rent(pairs);
        float[] cosines = ArrayPool<float>.Shared.Rent(pairs);
        try
        {
            var radius = radii.AsSpan(0, pairs);
            var angle = angles.AsSpan(0, pairs);
            var sin = sines.AsSpan(0, pairs);
            var cos = cosines.AsSpan(0, pairs);
            float scale = (float)StdDev;
            for (int y = 0; y < image.Height; y++)
            {
                // Box–Muller over the whole row: uniforms u1 in (0, 1] and u2 in [0, 1) (24 bits each, two per
                // 64-bit draw) give σ·sqrt(−2 ln u1)·(cos, sin)(2π u2), two independent normals per pair.
                for (int i = 0; i < pairs; i++)
                {
                    ulong bits = random.Next();
                    radius[i] = 1f - ((bits >> 40) * (1f / (1 << 24)));
                    angle[i] = ((bits >> 8) & 0xFFFFFF) * (1f / (1 << 24)) * (2f * MathF.PI);
                }

                TensorPrimitives.Log(radius, radius);
                TensorPrimitives.Multiply(radius, -2f * scale * scale, radius);
                TensorPrimitives.Sqrt(radius, radius);
                TensorPrimitives.SinCos(angle, sin, cos);

                var row = MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span);
                for (int i = 0; i < row.Length; i++)
                {
                    int pair = i >> 1;
                    float z = radius[pair] * ((i & 1) == 0 ? cos[pair] : sin[pair]);
                    float v = MathF.Round(row[i] + z, MidpointRounding.AwayFromZero);
                    row[i] = (byte)Math.Clamp(v, 0f, 255f);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(radii);
            ArrayPool<float>.Shared.Return(angles);
            ArrayPool<float>.Shared.Return(sines);
            ArrayPool<float>.Shared.Return(cosines);
        }
    }
}
