using System.Runtime.CompilerServices;

namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// UMAP's stochastic gradient descent on the fuzzy cross-entropy (McInnes, Healy &amp; Melville 2018, §3.2 and
/// appendix): each edge is sampled in proportion to its weight (every max w / w epochs), pulled together with the
/// attractive gradient −2ab·d^(2(b−1)) / (1 + a·d^(2b)), and followed by five negative samples pushed apart with
/// 2γb / ((0.001 + d²)(1 + a·d^(2b))); gradients are clipped to ±4 and the rate falls linearly to 0. One thread,
/// in edge order, so that a seed fixes the layout whatever the machine.
/// </summary>
internal static class UmapLayoutOptimizer
{
    private const double Clip = 4.0;
    private const int NegativeSampleRate = 5;

    /// <summary>Optimises <paramref name="head"/> (rows × dimension) in place against <paramref name="tail"/>; for a fit both are the same array and <paramref name="moveOther"/> is true.</summary>
    public static void Optimize(
        double[] head, double[] tail, int tailRows, int dimension, int[] heads, int[] tails, double[] weights,
        int epochs, double a, double b, double initialAlpha, bool moveOther, ProjectionRandom random,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        int edges = heads.Length;
        double largest = 0;
        foreach (double w in weights)
        {
            largest = Math.Max(largest, w);
        }

        var epochsPerSample = new double[edges];
        var nextSample = new double[edges];
        var epochsPerNegative = new double[edges];
        var nextNegative = new double[edges];
        for (int e = 0; e < edges; e++)
        {
            double samples = epochs * (weights[e] / largest);
            epochsPerSample[e] = samples > 0 ? epochs / samples : -1;
            nextSample[e] = epochsPerSample[e];
            epochsPerNegative[e] = epochsPerSample[e] / NegativeSampleRate;
            nextNegative[e] = epochsPerNegative[e];
        }

        int reported = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double alpha = initialAlpha * (1.0 - ((double)epoch / epochs));
            for (int e = 0; e < edges; e++)
            {
                if (epochsPerSample[e] <= 0 || nextSample[e] > epoch)
                {
                    continue;
                }

                if (dimension == 2)
                {
                    // The usual case, unrolled: the same operations in the same order as the loop below, so the same layout.
                    int negativeCount = (int)((epoch - nextNegative[e]) / epochsPerNegative[e]);
                    StepInThePlane(head, tail, tailRows, heads[e], tails[e], negativeCount, a, b, alpha, moveOther, random);
                    nextSample[e] += epochsPerSample[e];
                    nextNegative[e] += negativeCount * epochsPerNegative[e];
                    continue;
                }

                int j = heads[e], k = tails[e];
                int jo = j * dimension, ko = k * dimension;
                double d2 = 0;
                for (int c = 0; c < dimension; c++)
                {
                    double difference = head[jo + c] - tail[ko + c];
                    d2 += difference * difference;
                }

                double coefficient = Attraction(d2, a, b);

                for (int c = 0; c < dimension; c++)
                {
                    double gradient = Math.Clamp(coefficient * (head[jo + c] - tail[ko + c]), -Clip, Clip);
                    head[jo + c] += gradient * alpha;
                    if (moveOther)
                    {
                        tail[ko + c] -= gradient * alpha;
                    }
                }

                nextSample[e] += epochsPerSample[e];
                int negatives = (int)((epoch - nextNegative[e]) / epochsPerNegative[e]);
                for (int p = 0; p < negatives; p++)
                {
                    int s = random.NextInt(tailRows);
                    int so = s * dimension;
                    d2 = 0;
                    for (int c = 0; c < dimension; c++)
                    {
                        double difference = head[jo + c] - tail[so + c];
                        d2 += difference * difference;
                    }

                    if (d2 > 0)
                    {
                        coefficient = Repulsion(d2, a, b);
                    }
                    else if (j == s && moveOther)
                    {
                        continue;
                    }
                    else
                    {
                        coefficient = 0;
                    }

                    if (coefficient > 0)
                    {
                        for (int c = 0; c < dimension; c++)
                        {
                            double gradient = Math.Clamp(coefficient * (head[jo + c] - tail[so + c]), -Clip, Clip);
                            head[jo + c] += gradient * alpha;
                        }
                    }
                }

                nextNegative[e] += negatives * epochsPerNegative[e];
            }

            int tenth = (epoch + 1) * 10 / epochs;
            if (progress is not null && tenth > reported)
            {
                reported = tenth;
                progress.Report($"layout: epoch {epoch + 1} of {epochs}");
            }
        }
    }

    /// <summary>One sampled edge (j, k) and its negative samples in two dimensions: <see cref="Optimize"/>'s step unrolled.</summary>
    private static void StepInThePlane(double[] head, double[] tail, int tailRows, int j, int k, int negatives, double a, double b, double alpha, bool moveOther, ProjectionRandom random)
    {
        int jo = j * 2, ko = k * 2;
        double dx = head[jo] - tail[ko];
        double dy = head[jo + 1] - tail[ko + 1];
        double d2 = (dx * dx) + (dy * dy);
        double coefficient = Attraction(d2, a, b);

        double gx = Math.Clamp(coefficient * dx, -Clip, Clip);
        head[jo] += gx * alpha;
        if (moveOther)
        {
            tail[ko] -= gx * alpha;
        }

        double gy = Math.Clamp(coefficient * (head[jo + 1] - tail[ko + 1]), -Clip, Clip);
        head[jo + 1] += gy * alpha;
        if (moveOther)
        {
            tail[ko + 1] -= gy * alpha;
        }

        for (int p = 0; p < negatives; p++)
        {
            int s = random.NextInt(tailRows);
            int so = s * 2;
            double hx = head[jo], hy = head[jo + 1];
            double nx = hx - tail[so];
            double ny = hy - tail[so + 1];
            d2 = (nx * nx) + (ny * ny);
            if (d2 > 0)
            {
                coefficient = Repulsion(d2, a, b);
            }
            else if (j == s && moveOther)
            {
                continue;
            }
            else
            {
                coefficient = 0;
            }

            if (coefficient > 0)
            {
                head[jo] = hx + (Math.Clamp(coefficient * nx, -Clip, Clip) * alpha);
                head[jo + 1] = hy + (Math.Clamp(coefficient * (head[jo + 1] - tail[so + 1]), -Clip, Clip) * alpha);
            }
        }
    }

    /// <summary>The attractive gradient's coefficient −2ab·d^(2(b−1)) / (1 + a·d^(2b)) at squared distance <paramref name="d2"/>; 0 at d = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Attraction(double d2, double a, double b)
    {
        if (!(d2 > 0))
        {
            return 0.0;
        }

        double power = Math.Pow(d2, b - 1.0); // d^(2(b−1)); d^(2b) is power · d²
        return -2.0 * a * b * power / ((a * power * d2) + 1.0);
    }

    /// <summary>The repulsive gradient's coefficient 2b / ((0.001 + d²)(1 + a·d^(2b))) at squared distance <paramref name="d2"/> &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Repulsion(double d2, double a, double b) => 2.0 * b / ((0.001 + d2) * ((a * Math.Pow(d2, b)) + 1.0));
}
