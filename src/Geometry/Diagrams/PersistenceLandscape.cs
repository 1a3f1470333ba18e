using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// Persistence landscapes (Bubenik 2015): λ_k(t) is the k-th largest of the tents max(0, min(t − b, d − t)) over
/// the finite intervals, sampled on a grid; landscapes of several samples can be averaged pointwise. Essential
/// classes have unbounded tents and are left out (count them separately).
/// </summary>
public static class PersistenceLandscape
{
    /// <summary>The first <paramref name="levels"/> landscapes on <paramref name="grid"/>: row-major levels × grid.Length.</summary>
    public static double[] Evaluate(PersistenceDiagram diagram, int levels, ReadOnlySpan<double> grid)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        var result = new double[levels * grid.Length];
        var top = new double[levels];
        for (int g = 0; g < grid.Length; g++)
        {
            double t = grid[g];
            Array.Clear(top);
            foreach (var p in diagram.Intervals)
            {
                if (p.IsEssential)
                {
                    continue;
                }

                double tent = Math.Min(t - p.Birth, p.Death - t);
                if (tent <= top[levels - 1])
                {
                    continue;
                }

                // Insert into the descending top-k list.
                int k = levels - 1;
                while (k > 0 && top[k - 1] < tent)
                {
                    top[k] = top[k - 1];
                    k--;
                }

                top[k] = tent;
            }

            for (int k = 0; k < levels; k++)
            {
                result[(k * grid.Length) + g] = top[k];
            }
        }

        return result;
    }
}
