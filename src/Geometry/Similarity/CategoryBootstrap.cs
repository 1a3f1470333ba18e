namespace ClipGeometry.Geometry.Similarity;

/// <summary>
/// A seeded bootstrap over categories of unequal size: each replicate draws, with replacement, the same number of
/// members from every category (by default the size of the smallest), evaluates a metric on the drawn members,
/// and the replicates give a mean and a percentile 95% interval. Equal sizes remove the bias that unequal
/// categories put into persistence and similarity summaries.
/// </summary>
public static class CategoryBootstrap
{
    /// <summary>Runs <paramref name="replicates"/> replicates of <paramref name="metric"/>.</summary>
    /// <param name="categories">For each category, the indices of its members (non-empty).</param>
    /// <param name="metric">Evaluated on one replicate: for each category the drawn member indices.</param>
    /// <param name="replicates">Number of replicates (≥ 2).</param>
    /// <param name="seed">Seed of the generator; the same seed gives the same draws.</param>
    /// <param name="size">Members drawn per category; default the smallest category's size.</param>
    /// <param name="cancellationToken">Stops between replicates.</param>
    public static BootstrapEstimate Run(
        IReadOnlyList<int[]> categories, Func<int[][], double> metric, int replicates, ulong seed, int? size = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 2);
        if (categories.Count == 0)
        {
            throw new ArgumentException("The bootstrap needs at least one category.", nameof(categories));
        }

        int smallest = int.MaxValue;
        foreach (var members in categories)
        {
            if (members.Length == 0)
            {
                throw new ArgumentException("Every category needs at least one member.", nameof(categories));
            }

            smallest = Math.Min(smallest, members.Length);
        }

        int draw = size ?? smallest;
        ArgumentOutOfRangeException.ThrowIfLessThan(draw, 1, nameof(size));
        var random = new SplitMix64(seed);
        var values = new double[replicates];
        for (int r = 0; r < replicates; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sample = new int[categories.Count][];
            for (int c = 0; c < categories.Count; c++)
            {
                var members = categories[c];
                var drawn = new int[draw];
                for (int k = 0; k < draw; k++)
                {
                    drawn[k] = members[random.NextBelow(members.Length)];
                }

                sample[c] = drawn;
            }

            values[r] = metric(sample);
        }

        double mean = 0;
        foreach (double v in values)
        {
            mean += v / replicates;
        }

        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return new BootstrapEstimate(mean, Percentile(sorted, 2.5), Percentile(sorted, 97.5), replicates, draw, seed);
    }

    /// <summary>numpy's default (linear) percentile of sorted values.</summary>
    internal static double Percentile(double[] sorted, double percent)
    {
        double position = percent / 100 * (sorted.Length - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Length - 1);
        double fraction = position - low;
        return sorted[low] + ((sorted[high] - sorted[low]) * fraction);
    }
}
