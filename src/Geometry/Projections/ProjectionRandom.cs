namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// Steele, Lea and Flood's SplitMix64: the random source of the projections, small, fast and the same on every
/// platform, so that a seed fixes a layout.
/// </summary>
internal sealed class ProjectionRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The finaliser of SplitMix64: a good 64-bit hash of <paramref name="z"/>.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform on [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on 0..<paramref name="count"/> − 1 (Lemire's multiply-shift; the bias is below 2⁻³²).</summary>
    public int NextInt(int count) => (int)(((NextULong() >> 32) * (ulong)count) >> 32);

    /// <summary>A standard normal deviate (Box–Muller).</summary>
    public double NextGaussian()
    {
        double u = NextDouble(), v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(1.0 - u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
