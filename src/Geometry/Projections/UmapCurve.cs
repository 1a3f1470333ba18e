namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// The low-dimensional similarity 1 / (1 + a·d^(2b)) of UMAP, with a and b fitted by least squares (Levenberg–
/// Marquardt, from a = b = 1 as umap-learn's curve_fit) to 1 for d &lt; min_dist and exp(−(d − min_dist)/spread)
/// beyond, on 300 points of [0, 3·spread].
/// </summary>
internal static class UmapCurve
{
    public static (double A, double B) Fit(double minDist, double spread)
    {
        const int Points = 300;
        var x = new double[Points];
        var y = new double[Points];
        for (int i = 0; i < Points; i++)
        {
            x[i] = 3.0 * spread * i / (Points - 1);
            y[i] = x[i] < minDist ? 1.0 : Math.Exp(-(x[i] - minDist) / spread);
        }

        double a = 1, b = 1, lambda = 1e-3;
        double cost = Cost(x, y, a, b);
        for (int iteration = 0; iteration < 500; iteration++)
        {
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (int i = 1; i < Points; i++)
            {
                double p = Math.Pow(x[i], 2 * b);
                double f = 1 / (1 + (a * p));
                double r = f - y[i];
                double da = -p * f * f;
                double db = -a * p * 2 * Math.Log(x[i]) * f * f;
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }

            bool improved = false;
            while (lambda < 1e12)
            {
                double m11 = jaa * (1 + lambda), m22 = jbb * (1 + lambda), det = (m11 * m22) - (jab * jab);
                double stepA = -((m22 * ga) - (jab * gb)) / det;
                double stepB = -((m11 * gb) - (jab * ga)) / det;
                double next = Cost(x, y, a + stepA, b + stepB);
                if (next < cost)
                {
                    improved = Math.Abs(cost - next) > 1e-15 * Math.Max(1, cost);
                    a += stepA;
                    b += stepB;
                    cost = next;
                    lambda = Math.Max(1e-12, lambda / 10);
                    break;
                }

                lambda *= 10;
            }

            if (!improved)
            {
                break;
            }
        }

        return (a, b);
    }

    private static double Cost(double[] x, double[] y, double a, double b)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double f = x[i] == 0 ? 1 : 1 / (1 + (a * Math.Pow(x[i], 2 * b)));
            sum += (f - y[i]) * (f - y[i]);
        }

        return sum;
    }
}
