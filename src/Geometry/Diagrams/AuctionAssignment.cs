namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// Minimum-cost assignment by Bertsekas's forward auction with ε-scaling (Bertsekas 1988; Kerber, Morozov and
/// Nigmetov 2017 for diagrams). Each phase ends in a complete assignment satisfying ε-complementary slackness;
/// the prices give a dual lower bound, so the relative gap between the assignment's cost and the bound is a
/// proven error bound. +∞ entries are forbidden pairs; every row must have at least two finite entries.
/// </summary>
internal static class AuctionAssignment
{
    /// <summary>
    /// Runs ε-phases until (primal + offset) ≤ (1 + relativeGap)·(dual + offset), or ε is negligible.
    /// Returns the cost of the assignment found and the dual lower bound on the optimum.
    /// </summary>
    public static (double Primal, double Dual) Solve(
        double[] cost, int n, double relativeGap, double offset, CancellationToken cancellationToken)
    {
        double largest = 0;
        foreach (double c in cost)
        {
            if (double.IsFinite(c) && c > largest)
            {
                largest = c;
            }
        }

        if (largest == 0)
        {
            return (0, 0);
        }

        var price = new double[n];
        var rowToColumn = new int[n];
        var columnToRow = new int[n];
        var unassigned = new Stack<int>(n);
        double epsilon = largest / 4;
        double floor = largest * 1e-15;
        double primal = double.PositiveInfinity;
        double dual = double.NegativeInfinity;
        while (true)
        {
            Array.Fill(rowToColumn, -1);
            Array.Fill(columnToRow, -1);
            unassigned.Clear();
            for (int i = n - 1; i >= 0; i--)
            {
                unassigned.Push(i);
            }

            int bids = 0;
            while (unassigned.Count > 0)
            {
                if ((++bids & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                int i = unassigned.Pop();
                var row = cost.AsSpan(i * n, n);

                // Best and second-best value of c_ij + p_j (the auction's profit, negated).
                double best = double.PositiveInfinity;
                double second = double.PositiveInfinity;
                int bestColumn = -1;
                for (int j = 0; j < n; j++)
                {
                    double v = row[j] + price[j];
                    if (v < second)
                    {
                        if (v < best)
                        {
                            second = best;
                            best = v;
                            bestColumn = j;
                        }
                        else
                        {
                            second = v;
                        }
                    }
                }

                double increment = double.IsFinite(second) ? second - best + epsilon : largest + epsilon;
                price[bestColumn] += increment;
                int previous = columnToRow[bestColumn];
                if (previous >= 0)
                {
                    rowToColumn[previous] = -1;
                    unassigned.Push(previous);
                }

                columnToRow[bestColumn] = i;
                rowToColumn[i] = bestColumn;
            }

            double phasePrimal = 0;
            double rowDual = 0;
            double priceSum = 0;
            for (int i = 0; i < n; i++)
            {
                var row = cost.AsSpan(i * n, n);
                phasePrimal += row[rowToColumn[i]];
                double m = double.PositiveInfinity;
                for (int j = 0; j < n; j++)
                {
                    double v = row[j] + price[j];
                    if (v < m)
                    {
                        m = v;
                    }
                }

                rowDual += m;
                priceSum += price[i];
            }

            primal = Math.Min(primal, phasePrimal);
            dual = Math.Max(dual, rowDual - priceSum);
            if (primal + offset <= (1 + relativeGap) * (Math.Max(dual, 0) + offset) || epsilon <= floor)
            {
                return (primal, dual);
            }

            epsilon /= 5;
        }
    }
}
