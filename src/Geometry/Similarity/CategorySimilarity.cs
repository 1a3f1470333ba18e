namespace ClipGeometry.Geometry.Similarity;

/// <summary>
/// Intra- and inter-category statistics of a square similarity matrix over one labelled set: the mean over
/// distinct pairs within each category, between each pair of categories, and pooled, with the pooled values
/// themselves (the distributions) for histograms.
/// </summary>
public sealed class CategorySimilarity
{
    private CategorySimilarity(int categories, double[] intraMeans, double[] pairMeans, double intraMean, double interMean, double[] intraValues, double[] interValues)
    {
        Categories = categories;
        IntraMeans = intraMeans;
        PairMeans = pairMeans;
        IntraMean = intraMean;
        InterMean = interMean;
        IntraValues = intraValues;
        InterValues = interValues;
    }

    /// <summary>The number of categories (labels 0 … K − 1).</summary>
    public int Categories { get; }

    /// <summary>Mean similarity over distinct pairs inside each category (NaN for a category of one).</summary>
    public IReadOnlyList<double> IntraMeans { get; }

    /// <summary>K × K row-major: diagonal = intra means, off-diagonal = mean over all cross pairs.</summary>
    public IReadOnlyList<double> PairMeans { get; }

    /// <summary>Mean over all distinct same-category pairs.</summary>
    public double IntraMean { get; }

    /// <summary>Mean over all different-category pairs.</summary>
    public double InterMean { get; }

    /// <summary>Every same-category pair's similarity (i &lt; j).</summary>
    public IReadOnlyList<double> IntraValues { get; }

    /// <summary>Every different-category pair's similarity (i &lt; j).</summary>
    public IReadOnlyList<double> InterValues { get; }

    /// <summary>Computes the statistics of the n × n <paramref name="similarity"/> for <paramref name="labels"/> in 0 … K − 1.</summary>
    public static CategorySimilarity Compute(ReadOnlySpan<double> similarity, ReadOnlySpan<int> labels, bool keepValues = true)
    {
        int n = labels.Length;
        if (similarity.Length != (long)n * n)
        {
            throw new ArgumentException($"{n} labels need an {n} × {n} similarity matrix, not {similarity.Length} values.");
        }

        int k = 0;
        foreach (int label in labels)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(label);
            k = Math.Max(k, label + 1);
        }

        var sums = new double[k * k];
        var counts = new long[k * k];
        var intra = keepValues ? new List<double>() : null;
        var inter = keepValues ? new List<double>() : null;
        double intraSum = 0;
        double interSum = 0;
        long intraCount = 0;
        long interCount = 0;
        for (int i = 0; i < n; i++)
        {
            int li = labels[i];
            var row = similarity.Slice(i * n, n);
            for (int j = i + 1; j < n; j++)
            {
                int lj = labels[j];
                double s = row[j];
                int cell = li <= lj ? (li * k) + lj : (lj * k) + li;
                sums[cell] += s;
                counts[cell]++;
                if (li == lj)
                {
                    intraSum += s;
                    intraCount++;
                    intra?.Add(s);
                }
                else
                {
                    interSum += s;
                    interCount++;
                    inter?.Add(s);
                }
            }
        }

        var pairMeans = new double[k * k];
        var intraMeans = new double[k];
        for (int a = 0; a < k; a++)
        {
            for (int b = a; b < k; b++)
            {
                double mean = counts[(a * k) + b] == 0 ? double.NaN : sums[(a * k) + b] / counts[(a * k) + b];
                pairMeans[(a * k) + b] = mean;
                pairMeans[(b * k) + a] = mean;
            }

            intraMeans[a] = pairMeans[(a * k) + a];
        }

        return new CategorySimilarity(
            k, intraMeans, pairMeans,
            intraCount == 0 ? double.NaN : intraSum / intraCount,
            interCount == 0 ? double.NaN : interSum / interCount,
            intra is null ? [] : [.. intra],
            inter is null ? [] : [.. inter]);
    }

    /// <summary>The intra minus inter mean over a subset of members (indices into the matrix), for the bootstrap.</summary>
    public static double Separation(ReadOnlySpan<double> similarity, int n, ReadOnlySpan<int> labels, int[][] members)
    {
        double intraSum = 0;
        double interSum = 0;
        long intraCount = 0;
        long interCount = 0;
        int total = 0;
        foreach (var group in members)
        {
            total += group.Length;
        }

        var flat = new int[total];
        int f = 0;
        foreach (var group in members)
        {
            group.CopyTo(flat, f);
            f += group.Length;
        }

        for (int x = 0; x < total; x++)
        {
            int i = flat[x];
            var row = similarity.Slice(i * n, n);
            for (int y = x + 1; y < total; y++)
            {
                int j = flat[y];
                if (i == j)
                {
                    continue; // the same member drawn twice is not a pair
                }

                if (labels[i] == labels[j])
                {
                    intraSum += row[j];
                    intraCount++;
                }
                else
                {
                    interSum += row[j];
                    interCount++;
                }
            }
        }

        return (intraSum / intraCount) - (interSum / interCount);
    }
}
