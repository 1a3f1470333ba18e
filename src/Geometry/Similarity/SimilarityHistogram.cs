namespace ClipGeometry.Geometry.Similarity;

/// <summary>Counts of cosine similarities in equal bins over [−1, 1]; values outside go to the end bins.</summary>
public static class SimilarityHistogram
{
    /// <summary>The bins used by the similarity tables.</summary>
    public const int StandardBins = 200;

    /// <summary>Counts <paramref name="values"/> in <paramref name="bins"/> equal bins over [−1, 1].</summary>
    public static long[] Count(IReadOnlyList<double> values, int bins = StandardBins)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var counts = new long[bins];
        foreach (double v in values)
        {
            int bin = (int)Math.Floor((v + 1) / 2 * bins);
            counts[Math.Clamp(bin, 0, bins - 1)]++;
        }

        return counts;
    }

    /// <summary>The lower edge of <paramref name="bin"/>.</summary>
    public static double Lower(int bin, int bins = StandardBins) => -1 + (2.0 * bin / bins);

    /// <summary>The upper edge of <paramref name="bin"/>.</summary>
    public static double Upper(int bin, int bins = StandardBins) => -1 + (2.0 * (bin + 1) / bins);
}
