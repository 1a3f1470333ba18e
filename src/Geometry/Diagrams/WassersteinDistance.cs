using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// The p-Wasserstein distance between persistence diagrams,
/// W_p(X, Y) = (min over matchings Σ ‖x − γ(x)‖_q^p)^(1/p), in which every point may also be matched to its
/// orthogonal projection on the diagonal. The ground metric is L_q: q = +∞ (GUDHI's default) or q = 2 (persim's).
/// Essential parts are matched kind by kind, as GUDHI 3.7 does: points (b, +∞) by sorted birth, (−∞, d) by sorted
/// death, (−∞, +∞) among themselves at no cost; (−∞, −∞) and (+∞, +∞) lie on the diagonal. If the two diagrams
/// have different numbers of a kind the distance is +∞. Nothing is dropped silently.
/// When every finite point of both diagrams has the same birth (degree 0 of a Vietoris–Rips filtration) the exact
/// optimum is found by a dynamic programme on the sorted deaths in O(n·m) (<see cref="EqualBirthMatching"/>);
/// otherwise by the general solver.
/// </summary>
public static class WassersteinDistance
{
    /// <summary>The exact distance, by an optimal matching (a minimum-cost flow with the diagonal as one node; see <see cref="DiagramMatchingFlow"/>).</summary>
    /// <param name="first">One diagram.</param>
    /// <param name="second">The other diagram.</param>
    /// <param name="order">p ≥ 1.</param>
    /// <param name="groundOrder">q ≥ 1 or +∞ (the default).</param>
    /// <param name="cancellationToken">Stops a long computation.</param>
    public static double Compute(
        PersistenceDiagram first, PersistenceDiagram second, double order = 1, double groundOrder = double.PositiveInfinity,
        CancellationToken cancellationToken = default) =>
        ComputeReportingPath(first, second, order, groundOrder, cancellationToken).Value;

    /// <summary><see cref="Compute"/>, saying whether the equal-birth programme (rather than the general solver) matched the finite parts.</summary>
    internal static (double Value, bool EqualBirths) ComputeReportingPath(
        PersistenceDiagram first, PersistenceDiagram second, double order, double groundOrder, CancellationToken cancellationToken)
    {
        DiagramPoints.CheckOrders(order, groundOrder);
        var a = DiagramPoints.From(first);
        var b = DiagramPoints.From(second);
        double essential = DiagramPoints.EssentialCost(a, b, order);
        if (double.IsPositiveInfinity(essential))
        {
            return (double.PositiveInfinity, false);
        }

        bool equalBirths = EqualBirthMatching.SharedBirth(a, b, out double birth);
        double finite = equalBirths
            ? EqualBirthMatching.WassersteinCost(a, b, birth, order, groundOrder, cancellationToken)
            : FiniteCostGeneral(a, b, order, groundOrder, cancellationToken);
        return (Root(finite + essential, order), equalBirths);
    }

    /// <summary>
    /// The same distance by the auction algorithm with ε-scaling, stopped as soon as the primal cost and the dual
    /// bound prove a relative error of at most <paramref name="relativeError"/> on W_p. Diagrams whose finite points
    /// share one birth get the exact value (bound 0) instead, as <see cref="Compute"/> finds it faster there.
    /// </summary>
    public static ApproximateDistance Approximate(
        PersistenceDiagram first, PersistenceDiagram second, double relativeError, double order = 1,
        double groundOrder = double.PositiveInfinity, CancellationToken cancellationToken = default)
    {
        DiagramPoints.CheckOrders(order, groundOrder);
        if (!(relativeError > 0) || double.IsInfinity(relativeError))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeError), relativeError, "The relative error bound must be a finite number > 0.");
        }

        var a = DiagramPoints.From(first);
        var b = DiagramPoints.From(second);
        double essential = DiagramPoints.EssentialCost(a, b, order);
        if (double.IsPositiveInfinity(essential))
        {
            return new ApproximateDistance(double.PositiveInfinity, 0, double.PositiveInfinity);
        }

        if (a.Count == 0 || b.Count == 0 || EqualBirthMatching.SharedBirth(a, b, out _))
        {
            // Nothing to match, or the exact equal-birth programme, which is faster than the auction.
            double exact = Root(FiniteCost(a, b, order, groundOrder, cancellationToken) + essential, order);
            return new ApproximateDistance(exact, 0, exact);
        }

        // (1 + δ)^p − 1 on the p-th power gives δ on W_p.
        double powerError = Math.Pow(1 + relativeError, order) - 1;
        var (primal, dual) = AuctionAssignment.Solve(a, b, order, groundOrder, powerError, essential, cancellationToken);
        double value = Root(primal + essential, order);
        double lower = Root(Math.Max(dual, 0) + essential, order);
        double bound = value == 0 ? 0 : (value - lower) / Math.Max(lower, double.Epsilon);
        return new ApproximateDistance(value, bound, lower);
    }

    /// <summary>The optimal Σ cost^p over the finite parts.</summary>
    internal static double FiniteCost(DiagramPoints a, DiagramPoints b, double order, double groundOrder, CancellationToken cancellationToken) =>
        EqualBirthMatching.SharedBirth(a, b, out double birth)
            ? EqualBirthMatching.WassersteinCost(a, b, birth, order, groundOrder, cancellationToken)
            : FiniteCostGeneral(a, b, order, groundOrder, cancellationToken);

    /// <summary>The optimal Σ cost^p over the finite parts by the general solver, whatever the births.</summary>
    internal static double FiniteCostGeneral(DiagramPoints a, DiagramPoints b, double order, double groundOrder, CancellationToken cancellationToken)
    {
        int n = a.Count;
        int m = b.Count;
        if (n == 0 || m == 0)
        {
            // Everything goes to the diagonal.
            return DiagonalCost(a, order, groundOrder) + DiagonalCost(b, order, groundOrder);
        }

        return DiagramMatchingFlow.MinimumCost(a, b, order, groundOrder, cancellationToken);
    }

    /// <summary>The same minimum by the dense shortest-augmenting-path assignment on the augmented matrix (a cross-check).</summary>
    internal static double FiniteCostDense(DiagramPoints a, DiagramPoints b, double order, double groundOrder)
    {
        int size = a.Count + b.Count;
        if (a.Count == 0 || b.Count == 0)
        {
            return DiagonalCost(a, order, groundOrder) + DiagonalCost(b, order, groundOrder);
        }

        var cost = AugmentedCost(a, b, order, groundOrder);
        var assignment = LinearAssignment.Solve(cost, size);
        double total = 0;
        for (int i = 0; i < size; i++)
        {
            total += cost[(i * size) + assignment[i]];
        }

        return total;
    }

    /// <summary>
    /// The augmented matrix: rows are the points of A then the diagonal copies of B's points; columns the points of
    /// B then the diagonal copies of A's points. A point's own diagonal copy costs its distance to the diagonal;
    /// someone else's costs +∞; diagonal to diagonal costs 0.
    /// </summary>
    internal static double[] AugmentedCost(DiagramPoints a, DiagramPoints b, double order, double groundOrder)
    {
        int n = a.Count;
        int m = b.Count;
        int size = n + m;
        var cost = new double[(long)size * size];
        for (int i = 0; i < n; i++)
        {
            var row = cost.AsSpan(i * size, size);
            double bi = a.Births[i];
            double di = a.Deaths[i];
            for (int j = 0; j < m; j++)
            {
                row[j] = DiagramPoints.Power(DiagramPoints.Ground(bi, di, b.Births[j], b.Deaths[j], groundOrder), order);
            }

            row[m..].Fill(double.PositiveInfinity);
            row[m + i] = DiagramPoints.Power(DiagramPoints.ToDiagonal(bi, di, groundOrder), order);
        }

        for (int j = 0; j < m; j++)
        {
            var row = cost.AsSpan((n + j) * size, size);
            row[..m].Fill(double.PositiveInfinity);
            row[j] = DiagramPoints.Power(DiagramPoints.ToDiagonal(b.Births[j], b.Deaths[j], groundOrder), order);
            row[m..].Clear();
        }

        return cost;
    }

    private static double DiagonalCost(DiagramPoints points, double order, double groundOrder)
    {
        double sum = 0;
        for (int i = 0; i < points.Count; i++)
        {
            sum += DiagramPoints.Power(DiagramPoints.ToDiagonal(points.Births[i], points.Deaths[i], groundOrder), order);
        }

        return sum;
    }

    private static double Root(double value, double order) => order switch
    {
        1 => value,
        2 => Math.Sqrt(value),
        _ => Math.Pow(value, 1 / order),
    };
}
