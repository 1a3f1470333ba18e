using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// The bottleneck distance between persistence diagrams: the least t such that a matching exists in which every
/// point is within t of its partner or of the diagonal (W_∞). Ground metric L_q, q = +∞ by default as in GUDHI.
/// Essential parts are matched kind by kind as GUDHI does: points (b, +∞) by sorted birth, (−∞, d) by sorted death,
/// (−∞, +∞) among themselves; (−∞, −∞) and (+∞, +∞) lie on the diagonal. Different counts of a kind give +∞.
/// </summary>
/// <remarks>
/// Exact: the answer is one of the pairwise or point-to-diagonal distances, found by binary search over the
/// sorted candidates. For a threshold t a point whose diagonal distance exceeds t is "forced" to be matched to a
/// point of the other diagram. By the Mendelsohn–Dulmage theorem a matching covering the forced points of both
/// sides exists exactly when one covers A's forced points and another covers B's, so the test is two
/// Hopcroft–Karp maximum matchings on the sparse threshold graphs, and the dense diagonal-to-diagonal block of
/// the augmented graph is never built. When every finite point of both diagrams has the same birth (degree 0 of a
/// Vietoris–Rips filtration) a greedy test on the sorted deaths replaces the matchings, and bisection over the
/// doubles replaces the candidate list: O((n + m) log(n + m)), still exact (<see cref="EqualBirthMatching"/>).
/// </remarks>
public static class BottleneckDistance
{
    /// <summary>The exact bottleneck distance.</summary>
    public static double Compute(
        PersistenceDiagram first, PersistenceDiagram second, double groundOrder = double.PositiveInfinity,
        CancellationToken cancellationToken = default) =>
        ComputeReportingPath(first, second, groundOrder, cancellationToken).Value;

    /// <summary><see cref="Compute"/>, saying whether the equal-birth test (rather than the general one) matched the finite parts.</summary>
    internal static (double Value, bool EqualBirths) ComputeReportingPath(
        PersistenceDiagram first, PersistenceDiagram second, double groundOrder, CancellationToken cancellationToken)
    {
        if (!(groundOrder >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(groundOrder), groundOrder, "The ground metric's order q must be ≥ 1 or +∞.");
        }

        var a = DiagramPoints.From(first);
        var b = DiagramPoints.From(second);
        double essential = DiagramPoints.EssentialBottleneck(a, b);
        if (double.IsPositiveInfinity(essential))
        {
            return (double.PositiveInfinity, false);
        }

        bool equalBirths = EqualBirthMatching.SharedBirth(a, b, out double birth);
        double finite = equalBirths
            ? EqualBirthMatching.Bottleneck(a, b, birth, groundOrder, cancellationToken)
            : FinitePartGeneral(a, b, groundOrder, cancellationToken);
        return (Math.Max(essential, finite), equalBirths);
    }

    /// <summary>The bottleneck distance between the finite parts by the general test, whatever the births.</summary>
    internal static double FinitePartGeneral(DiagramPoints a, DiagramPoints b, double q, CancellationToken cancellationToken)
    {
        int n = a.Count;
        int m = b.Count;
        var diagonalA = new double[n];
        var diagonalB = new double[m];
        double upper = 0;
        for (int i = 0; i < n; i++)
        {
            diagonalA[i] = DiagramPoints.ToDiagonal(a.Births[i], a.Deaths[i], q);
            upper = Math.Max(upper, diagonalA[i]);
        }

        for (int j = 0; j < m; j++)
        {
            diagonalB[j] = DiagramPoints.ToDiagonal(b.Births[j], b.Deaths[j], q);
            upper = Math.Max(upper, diagonalB[j]);
        }

        if (n == 0 || m == 0)
        {
            return upper;
        }

        // Pairwise distances, and each side's neighbours sorted by distance so that a threshold graph is a set of prefixes.
        var distance = new double[(long)n * m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                distance[(i * m) + j] = DiagramPoints.Ground(a.Births[i], a.Deaths[i], b.Births[j], b.Deaths[j], q);
            }
        }

        // An edge matters only while one of its ends is forced, i.e. below that end's diagonal distance.
        var graphA = ThresholdGraph.Build(distance, n, m, transpose: false, diagonalA);
        var graphB = ThresholdGraph.Build(distance, n, m, transpose: true, diagonalB);

        // Candidates: the diagonal distances and every edge that can matter.
        var candidates = new List<double>(n + m + graphA.Neighbours.Length + graphB.Neighbours.Length);
        candidates.AddRange(diagonalA);
        candidates.AddRange(diagonalB);
        candidates.AddRange(graphA.Weights);
        candidates.AddRange(graphB.Weights);

        candidates.Sort();
        int low = 0;
        int high = candidates.Count - 1;
        while (candidates[high] > upper)
        {
            high--;
        }

        // Invariant: candidates[high] is feasible.
        var matcherA = new HopcroftKarp(n, m);
        var matcherB = new HopcroftKarp(m, n);
        while (low < high)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int mid = low + ((high - low) / 2);
            double t = candidates[mid];
            if (matcherA.CoversForced(graphA, diagonalA, t) && matcherB.CoversForced(graphB, diagonalB, t))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return candidates[high];
    }
}
