using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// A diagram split the way every diagram distance needs it: the finite off-diagonal points (births and deaths
/// in parallel arrays) and the sorted births of the essential classes. Points on the diagonal are left out:
/// matching them to their own projection costs nothing and is always optimal.
/// </summary>
internal sealed class DiagramPoints
{
    private DiagramPoints(double[] births, double[] deaths, double[] essentialBirths)
    {
        Births = births;
        Deaths = deaths;
        EssentialBirths = essentialBirths;
    }

    public double[] Births { get; }

    public double[] Deaths { get; }

    /// <summary>Births of the essential classes, ascending.</summary>
    public double[] EssentialBirths { get; }

    public int Count => Births.Length;

    public static DiagramPoints From(PersistenceDiagram diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var intervals = diagram.Intervals;
        int finite = 0;
        int essential = 0;
        for (int i = 0; i < intervals.Count; i++)
        {
            var p = intervals[i];
            if (p.IsEssential)
            {
                essential++;
            }
            else if (p.Death > p.Birth)
            {
                finite++;
            }
        }

        var births = new double[finite];
        var deaths = new double[finite];
        var essentialBirths = new double[essential];
        int f = 0;
        int e = 0;
        for (int i = 0; i < intervals.Count; i++)
        {
            var p = intervals[i];
            if (p.IsEssential)
            {
                essentialBirths[e++] = p.Birth;
            }
            else if (p.Death > p.Birth)
            {
                births[f] = p.Birth;
                deaths[f] = p.Death;
                f++;
            }
        }

        Array.Sort(essentialBirths);
        return new DiagramPoints(births, deaths, essentialBirths);
    }

    /// <summary>The ground distance between two points of the plane in the L_q norm (q ≥ 1, or +∞).</summary>
    public static double Ground(double b1, double d1, double b2, double d2, double q)
    {
        double x = Math.Abs(b1 - b2);
        double y = Math.Abs(d1 - d2);
        if (double.IsPositiveInfinity(q))
        {
            return Math.Max(x, y);
        }

        if (q == 2)
        {
            return Math.Sqrt((x * x) + (y * y));
        }

        if (q == 1)
        {
            return x + y;
        }

        return Math.Pow(Math.Pow(x, q) + Math.Pow(y, q), 1 / q);
    }

    /// <summary>The L_q distance from (b, d) to its orthogonal projection on the diagonal: (d − b)·2^(1/q − 1).</summary>
    public static double ToDiagonal(double birth, double death, double q) =>
        double.IsPositiveInfinity(q) ? (death - birth) / 2 : (death - birth) * Math.Pow(2, (1 / q) - 1);

    /// <summary>x^p with the common orders exact and fast.</summary>
    public static double Power(double x, double p) => p switch
    {
        1 => x,
        2 => x * x,
        _ => Math.Pow(x, p),
    };

    /// <summary>Checks an order p (≥ 1, finite) and a ground order q (≥ 1 or +∞).</summary>
    public static void CheckOrders(double order, double groundOrder)
    {
        if (!(order >= 1) || double.IsInfinity(order))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "The Wasserstein order p must be a finite number ≥ 1 (use the bottleneck distance for p = ∞).");
        }

        if (!(groundOrder >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(groundOrder), groundOrder, "The ground metric's order q must be ≥ 1 or +∞.");
        }
    }
}
