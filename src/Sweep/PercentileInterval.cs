namespace ClipGeometry.Sweep;

/// <summary>The bootstrap's percentile interval: linear interpolation between order statistics (NumPy's default, "type 7").</summary>
public static class PercentileInterval
{
    /// <summary>The <paramref name="q"/>-quantile (0…1) of <paramref name="values"/>.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The 95% interval (2.5% and 97.5% quantiles) of <paramref name="values"/>, or (<paramref name="fallback"/>, <paramref name="fallback"/>) when there are none.</summary>
    public static (double Low, double High) Of95(IReadOnlyList<double> values, double fallback)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? (fallback, fallback) : (Quantile(values, 0.025), Quantile(values, 0.975));
    }
}
