namespace ClipGeometry.Geometry.Tests.Projections;

/// <summary>
/// Clustered unit vectors, bit for bit the generator of Golden/projections/clustered.py (counter-based SplitMix64,
/// Box–Muller): cluster centres are normalised gaussians, point p belongs to cluster p mod clusters and is
/// normalise(centre + noise · gaussian), stored as float32. Shared with bench/projection.
/// </summary>
internal static class ClusteredUnitVectors
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static float[] Generate(int rows, int dimension = 512, int clusters = 10, double noise = 0.04, ulong seed = 2024)
    {
        var centres = Gaussians(seed, 1, clusters * dimension);
        for (int c = 0; c < clusters; c++)
        {
            Normalise(centres.AsSpan(c * dimension, dimension));
        }

        var deviations = Gaussians(seed, 2, rows * dimension);
        var points = new float[rows * dimension];
        var row = new double[dimension];
        for (int p = 0; p < rows; p++)
        {
            int c = p % clusters;
            for (int k = 0; k < dimension; k++)
            {
                row[k] = centres[(c * dimension) + k] + (noise * deviations[(p * dimension) + k]);
            }

            Normalise(row);
            for (int k = 0; k < dimension; k++)
            {
                points[(p * dimension) + k] = (float)row[k];
            }
        }

        return points;
    }

    private static double[] Gaussians(ulong seed, ulong stream, int count)
    {
        var result = new double[count];
        ulong start = seed + (stream << 32);
        for (int i = 0; i < count; i++)
        {
            double u = Uniform(start + (((ulong)(2 * i) + 1) * Golden));
            double v = Uniform(start + (((ulong)(2 * i) + 2) * Golden));
            result[i] = Math.Sqrt(-2.0 * Math.Log(1.0 - u)) * Math.Cos(2.0 * Math.PI * v);
        }

        return result;
    }

    private static double Uniform(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private static void Normalise(Span<double> v)
    {
        double norm = 0;
        foreach (double x in v)
        {
            norm += x * x;
        }

        norm = Math.Sqrt(norm);
        for (int k = 0; k < v.Length; k++)
        {
            v[k] /= norm;
        }
    }
}
