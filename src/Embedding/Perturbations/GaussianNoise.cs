using System.Globalization;
using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Perturbations;

/// <summary>
/// Additive Gaussian noise: every channel of every pixel gets an independent N(0, σ²) value in grey levels,
/// rounded to the nearest level and clamped to 0…255. The noise is a function of (seed, image seed) only, so
/// an image gets the same noise whatever the order or the machine it is processed on.
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
        double spare = 0;
        bool hasSpare = false;
        for (int y = 0; y < image.Height; y++)
        {
            var row = MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span);
            for (int i = 0; i < row.Length; i++)
            {
                double z;
                if (hasSpare)
                {
                    z = spare;
                    hasSpare = false;
                }
                else
                {
                    // Box–Muller: two uniforms give two independent standard normals.
                    double u1 = 1.0 - random.NextDouble(); // (0, 1]
                    double u2 = random.NextDouble();
                    double radius = Math.Sqrt(-2.0 * Math.Log(u1));
                    (double sin, double cos) = Math.SinCos(2.0 * Math.PI * u2);
                    z = radius * cos;
                    spare = radius * sin;
                    hasSpare = true;
                }

                double v = Math.Round(row[i] + (StdDev * z), MidpointRounding.AwayFromZero);
                row[i] = (byte)Math.Clamp(v, 0, 255);
            }
        }
    }
}
