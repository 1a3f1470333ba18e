using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// The Betti curve β(t) = #{intervals with birth ≤ t &lt; death}, sampled on a grid: a summary that can be averaged
/// across samples. Essential classes count at every t ≥ birth.
/// </summary>
public static class BettiCurve
{
    /// <summary>β at each value of <paramref name="grid"/>.</summary>
    public static int[] Evaluate(PersistenceDiagram diagram, ReadOnlySpan<double> grid)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var births = new double[diagram.Intervals.Count];
        var deaths = new double[diagram.Intervals.Count];
        for (int i = 0; i < births.Length; i++)
        {
            births[i] = diagram.Intervals[i].Birth;
            deaths[i] = diagram.Intervals[i].Death;
        }

        Array.Sort(births);
        Array.Sort(deaths);
        var result = new int[grid.Length];
        for (int k = 0; k < grid.Length; k++)
        {
            double t = grid[k];
            result[k] = CountAtMost(births, t) - CountAtMost(deaths, t);
        }

        return result;
    }

    /// <summary>n evenly spaced points from <paramref name="start"/> to <paramref name="stop"/> inclusive.</summary>
    public static double[] Grid(double start, double stop, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var grid = new double[count];
        for (int i = 0; i < count; i++)
        {
            grid[i] = start + ((stop - start) * i / (count - 1));
        }

        return grid;
    }

    private static int CountAtMost(double[] sorted, double t)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
