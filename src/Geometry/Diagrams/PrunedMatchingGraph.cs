namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// The edges an optimal diagram matching can use, with costs raised to the power p: a pair (a_i, b_j) is kept only
/// when its cost is below a_i's plus b_j's cost to the diagonal (otherwise sending both to the diagonal is at least
/// as cheap, so some optimal matching avoids the pair). Stored in CSR form by point of A.
/// </summary>
internal sealed class PrunedMatchingGraph
{
    private PrunedMatchingGraph(double[] diagonalA, double[] diagonalB, int[] start, int[] target, double[] weight)
    {
        DiagonalA = diagonalA;
        DiagonalB = diagonalB;
        Start = start;
        Target = target;
        Weight = weight;
    }

    /// <summary>Cost^p of each point of A to the diagonal.</summary>
    public double[] DiagonalA { get; }

    /// <summary>Cost^p of each point of B to the diagonal.</summary>
    public double[] DiagonalB { get; }

    /// <summary>Edges of a_i are Target/Weight[Start[i] .. Start[i + 1]).</summary>
    public int[] Start { get; }

    public int[] Target { get; }

    public double[] Weight { get; }

    public int CountA => DiagonalA.Length;

    public int CountB => DiagonalB.Length;

    public static PrunedMatchingGraph Build(DiagramPoints a, DiagramPoints b, double order, double groundOrder)
    {
        int n = a.Count;
        int m = b.Count;
        var diagonalA = new double[n];
        var diagonalB = new double[m];
        for (int i = 0; i < n; i++)
        {
            diagonalA[i] = DiagramPoints.Power(DiagramPoints.ToDiagonal(a.Births[i], a.Deaths[i], groundOrder), order);
        }

        for (int j = 0; j < m; j++)
        {
            diagonalB[j] = DiagramPoints.Power(DiagramPoints.ToDiagonal(b.Births[j], b.Deaths[j], groundOrder), order);
        }

        var start = new int[n + 1];
        var target = new List<int>();
        var weight = new List<double>();
        for (int i = 0; i < n; i++)
        {
            double bi = a.Births[i];
            double di = a.Deaths[i];
            for (int j = 0; j < m; j++)
            {
                double c = DiagramPoints.Power(DiagramPoints.Ground(bi, di, b.Births[j], b.Deaths[j], groundOrder), order);
                if (c < diagonalA[i] + diagonalB[j])
                {
                    target.Add(j);
                    weight.Add(c);
                }
            }

            start[i + 1] = target.Count;
        }

        return new PrunedMatchingGraph(diagonalA, diagonalB, start, [.. target], [.. weight]);
    }
}
