namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// Exact Wasserstein and bottleneck matchings between the finite parts of two diagrams whose finite points all
/// share one birth b, as in degree 0 of a Vietoris–Rips filtration (every point born at 0). The points then lie
/// on one vertical line and the matching problem is one-dimensional: for every ground order q the L_q distance
/// between (b, x) and (b, y) is |x − y|, and the distance of (b, x) to the diagonal is (x − b)·2^(1/q − 1)
/// (c = 1/2 for q = ∞, 1/√2 for q = 2).
/// </summary>
/// <remarks>
/// <para>
/// <b>Non-crossing.</b> Sort each side's deaths, ties in any fixed order, and number them by that order. Let f be
/// convex (f(t) = |t|^p for p ≥ 1). For x ≤ x′ and y ≤ y′, f(x − y) + f(x′ − y′) ≤ f(x − y′) + f(x′ − y): with
/// s = x − y′ and t = x′ − y, both x − y and x′ − y′ lie in [s, t] and add up to s + t, so
/// x − y = λs + (1 − λ)t and x′ − y′ = (1 − λ)s + λt for one λ in [0, 1], and convexity bounds each term; add.
/// Hence if an optimal partial matching holds two crossing pairs i ↔ j′ and i′ ↔ j with i &lt; i′ and j &lt; j′ (by
/// index), re-pairing them i ↔ j and i′ ↔ j′ does not raise the cost (x_i ≤ x_i′, y_j ≤ y_j′ hold also for ties),
/// leaves the same points on the diagonal, and strictly lowers the number of crossing (inverted) pairs, so finitely
/// many such steps give an optimal matching whose matched pairs are increasing in both indices. Nothing more is
/// needed: the programme below ranges over every partial matching increasing in both indices, whatever points it
/// leaves to the diagonal. The re-pairing also keeps both pairs within any threshold that held the old two (both new
/// differences lie between the old ones), which is what the bottleneck test uses.
/// </para>
/// <para>
/// <b>Wasserstein.</b> D(i, j), the optimal Σ cost^p of the first i deaths of one side and the first j of the
/// other, is the least of D(i−1, j−1) + |x_i − y_j|^p (matched), D(i−1, j) + diag(x_i)^p and D(i, j−1) + diag(y_j)^p;
/// computed row by row: O(n·m) time, O(min(n, m)) memory.
/// </para>
/// <para>
/// <b>Bottleneck.</b> A threshold t is feasible when some matching whose pairs are all within t covers every
/// "forced" point (diagonal distance above t). By the Mendelsohn–Dulmage theorem it suffices that one matching
/// covers one side's forced points and another covers the other's. Within t the partners of x_i form an interval
/// of the sorted y whose two ends never decrease with i (also in floating point: a rounded difference is monotone in
/// each argument), so a greedy pass over the forced x_i in increasing order, each taking the smallest unused y of its
/// interval, succeeds whenever any covering exists: by the re-pairing above some covering is increasing, and by
/// induction the greedy's k-th choice is at most that covering's k-th partner. Each test costs O(n + m) after
/// sorting. Feasibility changes only at a computed candidate (a pairwise difference or a diagonal distance), so
/// bisecting over the ordered non-negative doubles (at most 64 tests) finds exactly the least feasible candidate.
/// </para>
/// </remarks>
internal static class EqualBirthMatching
{
    /// <summary>Whether every finite point of both diagrams has one and the same birth, and which.</summary>
    public static bool SharedBirth(DiagramPoints a, DiagramPoints b, out double birth)
    {
        birth = a.Count > 0 ? a.Births[0] : b.Count > 0 ? b.Births[0] : 0;
        foreach (double value in a.Births)
        {
            if (value != birth)
            {
                return false;
            }
        }

        foreach (double value in b.Births)
        {
            if (value != birth)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The optimal Σ cost^p over the finite parts (all born at <paramref name="birth"/>).</summary>
    public static double WassersteinCost(
        DiagramPoints a, DiagramPoints b, double birth, double order, double groundOrder, CancellationToken cancellationToken)
    {
        // Rows over the larger side, the row held in memory over the smaller.
        var (rows, columns) = a.Count >= b.Count ? (a, b) : (b, a);
        double[] x = SortedDeaths(rows);
        double[] y = SortedDeaths(columns);
        int m = y.Length;
        var diagonalY = new double[m];
        var cost = new double[m + 1];
        for (int j = 0; j < m; j++)
        {
            diagonalY[j] = DiagramPoints.Power(DiagramPoints.ToDiagonal(birth, y[j], groundOrder), order);
            cost[j + 1] = cost[j] + diagonalY[j];
        }

        for (int i = 0; i < x.Length; i++)
        {
            if ((i & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            double xi = x[i];
            double diagonalX = DiagramPoints.Power(DiagramPoints.ToDiagonal(birth, xi, groundOrder), order);
            double previousLeft = cost[0]; // D(i−1, j−1)
            cost[0] += diagonalX;
            for (int j = 0; j < m; j++)
            {
                double above = cost[j + 1]; // D(i−1, j)
                double matched = previousLeft + DiagramPoints.Power(Math.Abs(xi - y[j]), order);
                double best = Math.Min(above + diagonalX, cost[j] + diagonalY[j]);
                cost[j + 1] = Math.Min(matched, best);
                previousLeft = above;
            }
        }

        return cost[m];
    }

    /// <summary>The bottleneck distance between the finite parts (all born at <paramref name="birth"/>).</summary>
    public static double Bottleneck(DiagramPoints a, DiagramPoints b, double birth, double groundOrder, CancellationToken cancellationToken)
    {
        double[] x = SortedDeaths(a);
        double[] y = SortedDeaths(b);
        double[] diagonalX = DiagonalDistances(x, birth, groundOrder);
        double[] diagonalY = DiagonalDistances(y, birth, groundOrder);
        double upper = Math.Max(diagonalX.Length > 0 ? diagonalX[^1] : 0, diagonalY.Length > 0 ? diagonalY[^1] : 0);
        if (x.Length == 0 || y.Length == 0 || Feasible(x, diagonalX, y, diagonalY, 0))
        {
            // Everything to the diagonal (or nothing to match).
            return x.Length == 0 || y.Length == 0 ? upper : 0;
        }

        // Invariant: the double with bits `high` is feasible, the one with bits `low` is not. Non-negative doubles
        // are ordered as their bit patterns.
        long low = BitConverter.DoubleToInt64Bits(0.0);
        long high = BitConverter.DoubleToInt64Bits(upper);
        while (high - low > 1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long middle = low + ((high - low) / 2);
            if (Feasible(x, diagonalX, y, diagonalY, BitConverter.Int64BitsToDouble(middle)))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return BitConverter.Int64BitsToDouble(high);
    }

    private static bool Feasible(double[] x, double[] diagonalX, double[] y, double[] diagonalY, double t) =>
        CoversForced(x, diagonalX, y, t) && CoversForced(y, diagonalY, x, t);

    /// <summary>Greedy: each forced point of <paramref name="x"/>, in increasing order, takes the smallest unused partner within t.</summary>
    private static bool CoversForced(double[] x, double[] diagonalX, double[] y, double t)
    {
        int j = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (diagonalX[i] <= t)
            {
                continue;
            }

            // A partner too small for x_i is too small for every later x.
            while (j < y.Length && x[i] - y[j] > t)
            {
                j++;
            }

            if (j == y.Length || y[j] - x[i] > t)
            {
                return false;
            }

            j++;
        }

        return true;
    }

    private static double[] DiagonalDistances(double[] deaths, double birth, double groundOrder)
    {
        var result = new double[deaths.Length];
        for (int i = 0; i < deaths.Length; i++)
        {
            result[i] = DiagramPoints.ToDiagonal(birth, deaths[i], groundOrder);
        }

        return result;
    }

    private static double[] SortedDeaths(DiagramPoints points)
    {
        double[] deaths = [.. points.Deaths];
        Array.Sort(deaths);
        return deaths;
    }
}
