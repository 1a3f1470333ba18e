using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// A diagram split the way every diagram distance needs it: the finite off-diagonal points (births and deaths
/// in parallel arrays) and the essential parts as GUDHI 3.7 splits them (<c>_get_essential_parts</c>): the sorted
/// births of the points (b, +∞), the sorted deaths of the points (−∞, d), and the number of points (−∞, +∞).
/// Points on the diagonal are left out — matching them to their own projection costs nothing and is always
/// optimal — and so are (−∞, −∞) and (+∞, +∞), which GUDHI counts as diagonal points.
/// </summary>
internal sealed class DiagramPoints
{
    private DiagramPoints(double[] births, double[] deaths, double[] essentialBirths, double[] essentialDeaths, int unbounded)
    {
        Births = births;
        Deaths = deaths;
        EssentialBirths = essentialBirths;
        EssentialDeaths = essentialDeaths;
        UnboundedCount = unbounded;
    }

    public double[] Births { get; }

    public double[] Deaths { get; }

    /// <summary>Births of the points (b, +∞), ascending.</summary>
    public double[] EssentialBirths { get; }

    /// <summary>Deaths of the points (−∞, d), ascending.</summary>
    public double[] EssentialDeaths { get; }

    /// <summary>The number of points (−∞, +∞).</summary>
    public int UnboundedCount { get; }

    public int Count => Births.Length;

    public static DiagramPoints From(PersistenceDiagram diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var births = new List<double>();
        var deaths = new List<double>();
        var essentialBirths = new List<double>();
        var essentialDeaths = new List<double>();
        int unbounded = 0;
        foreach (var (birth, death) in diagram.Intervals)
        {
            bool lowerOpen = double.IsNegativeInfinity(birth), upperOpen = double.IsPositiveInfinity(death);
            if (lowerOpen && upperOpen)
            {
                unbounded++;
            }
            else if (upperOpen && double.IsFinite(birth))
            {
                essentialBirths.Add(birth);
            }
            else if (lowerOpen && double.IsFinite(death))
            {
                essentialDeaths.Add(death);
            }
            else if (double.IsFinite(birth) && double.IsFinite(death) && death > birth)
            {
                births.Add(birth);
                deaths.Add(death);
            }
        }

        essentialBirths.Sort();
        essentialDeaths.Sort();
        return new DiagramPoints([.. births], [.. deaths], [.. essentialBirths], [.. essentialDeaths], unbounded);
    }

    /// <summary>
    /// Σ |x_i − y_i|^p over each essential part matched in sorted order (births of (b, +∞), deaths of (−∞, d)), as
    /// GUDHI's <c>_handle_essential_parts</c>; +∞ when any part's counts differ (points (−∞, +∞) included).
    /// </summary>
    public static double EssentialCost(DiagramPoints a, DiagramPoints b, double order)
    {
        if (!SameEssentialCounts(a, b))
        {
            return double.PositiveInfinity;
        }

        double sum = 0;
        for (int i = 0; i < a.EssentialBirths.Length; i++)
        {
            sum += Power(Math.Abs(a.EssentialBirths[i] - b.EssentialBirths[i]), order);
        }

        for (int i = 0; i < a.EssentialDeaths.Length; i++)
        {
            sum += Power(Math.Abs(a.EssentialDeaths[i] - b.EssentialDeaths[i]), order);
        }

        return sum;
    }

    /// <summary>max |x_i − y_i| over each essential part matched in sorted order; +∞ when any part's counts differ.</summary>
    public static double EssentialBottleneck(DiagramPoints a, DiagramPoints b)
    {
        if (!SameEssentialCounts(a, b))
        {
            return double.PositiveInfinity;
        }

        double max = 0;
        for (int i = 0; i < a.EssentialBirths.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a.EssentialBirths[i] - b.EssentialBirths[i]));
        }

        for (int i = 0; i < a.EssentialDeaths.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a.EssentialDeaths[i] - b.EssentialDeaths[i]));
        }

        return max;
    }

    private static bool SameEssentialCounts(DiagramPoints a, DiagramPoints b) =>
        a.EssentialBirths.Length == b.EssentialBirths.Length
        && a.EssentialDeaths.Length == b.EssentialDeaths.Length
        && a.UnboundedCount == b.UnboundedCount;

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
