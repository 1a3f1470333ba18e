using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// The seed study's quantity: the 1-D Wasserstein distance ∫|F_u − F_v| between two empirical distributions, as
/// <c>scipy.stats.wasserstein_distance(u, v)</c> computes it. Applied to diagrams it compares the distributions
/// of lifetimes (or deaths) and ignores where the points are: it is not a diagram distance.
/// </summary>
public static class SampleWassersteinDistance
{
    /// <summary>∫|F_u(x) − F_v(x)| dx for the empirical distributions of two non-empty finite samples.</summary>
    public static double Between(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        if (u.Length == 0 || v.Length == 0)
        {
            throw new ArgumentException("The 1-D Wasserstein distance needs two non-empty samples.");
        }

        var x = u.ToArray();
        var y = v.ToArray();
        foreach (double value in x)
        {
            CheckFinite(value);
        }

        foreach (double value in y)
        {
            CheckFinite(value);
        }

        Array.Sort(x);
        Array.Sort(y);

        // Sweep the merged values; between consecutive ones both CDFs are constant.
        int i = 0;
        int j = 0;
        double sum = 0;
        double previous = Math.Min(x[0], y[0]);
        while (i < x.Length || j < y.Length)
        {
            double next = j >= y.Length || (i < x.Length && x[i] <= y[j]) ? x[i] : y[j];
            sum += Math.Abs(((double)i / x.Length) - ((double)j / y.Length)) * (next - previous);
            while (i < x.Length && x[i] == next)
            {
                i++;
            }

            while (j < y.Length && y[j] == next)
            {
                j++;
            }

            previous = next;
        }

        return sum;
    }

    /// <summary>
    /// The distance between the <paramref name="statistic"/> samples of two diagrams' finite intervals. Essential
    /// classes have no finite lifetime or death; they are left out and counted in the result.
    /// </summary>
    public static SampleDistance OfDiagrams(PersistenceDiagram first, PersistenceDiagram second, DiagramStatistic statistic = DiagramStatistic.Lifetime)
    {
        var (u, essentialU) = Sample(first, statistic);
        var (v, essentialV) = Sample(second, statistic);
        if (u.Length == 0 || v.Length == 0)
        {
            throw new ArgumentException("The 1-D Wasserstein distance needs finite intervals in both diagrams, but one has none.");
        }

        return new SampleDistance(Between(u, v), essentialU, essentialV);
    }

    private static (double[] Sample, int Essential) Sample(PersistenceDiagram diagram, DiagramStatistic statistic)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var values = new List<double>(diagram.Intervals.Count);
        int essential = 0;
        foreach (var p in diagram.Intervals)
        {
            if (p.IsEssential && statistic != DiagramStatistic.Birth)
            {
                essential++;
                continue;
            }

            values.Add(statistic switch
            {
                DiagramStatistic.Lifetime => p.Lifetime,
                DiagramStatistic.Death => p.Death,
                _ => p.Birth,
            });
        }

        return ([.. values], essential);
    }

    private static void CheckFinite(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"The samples must be finite, but one value is {value}.");
        }
    }
}
