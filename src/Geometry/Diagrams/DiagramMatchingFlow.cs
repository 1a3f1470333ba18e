namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// The exact optimal partial matching between two finite diagrams as a minimum-cost flow in which the diagonal is
/// one node on each side instead of n + m copies: points of A send one unit each to a point of B or to the
/// diagonal node Δ_A (cost: distance to the diagonal); the diagonal node Δ_B sends one unit to each point of B
/// not served by A, and its surplus to Δ_A at cost 0. This removes the dense (m × n) zero block of the augmented
/// assignment matrix. A pair (a, b) whose cost exceeds a's plus b's diagonal cost is never in an optimal matching
/// (two diagonal moves are cheaper), so such edges are pruned: near-diagonal points keep only near neighbours.
/// Solved by successive shortest paths from one source at a time (the Hungarian method on this network), with
/// Dijkstra on reduced costs, node potentials and early exit at the first free sink.
/// </summary>
internal sealed class DiagramMatchingFlow
{
    private const int Free = -1;
    private const int Diagonal = -2;

    private readonly int _n;
    private readonly int _m;
    private readonly int _deltaA;
    private readonly int _deltaB;
    private readonly double[] _diagonalA;
    private readonly double[] _diagonalB;

    // Pruned edges a_i → b_j in CSR form.
    private readonly int[] _start;
    private readonly int[] _target;
    private readonly double[] _weight;

    private readonly int[] _matchA;     // j, Diagonal, or Free
    private readonly int[] _matchB;     // i, Diagonal, or Free
    private readonly double[] _matchCost; // cost of the edge into b_j when matched to a point of A
    private int _inflowDeltaA;
    private int _diagonalToDiagonal;

    private readonly double[] _potential;
    private readonly double[] _distance;
    private readonly int[] _predecessor;
    private readonly int[] _stamp;
    private readonly int[] _settledList;
    private int _generation;
    private readonly MinHeap _heap;

    private DiagramMatchingFlow(double[] diagonalA, double[] diagonalB, int[] start, int[] target, double[] weight)
    {
        _n = diagonalA.Length;
        _m = diagonalB.Length;
        _deltaA = _n + _m;
        _deltaB = _n + _m + 1;
        _diagonalA = diagonalA;
        _diagonalB = diagonalB;
        _start = start;
        _target = target;
        _weight = weight;
        _matchA = new int[_n];
        _matchB = new int[_m];
        _matchCost = new double[_m];
        Array.Fill(_matchA, Free);
        Array.Fill(_matchB, Free);
        int nodes = _n + _m + 2;
        _potential = new double[nodes];
        _distance = new double[nodes];
        _predecessor = new int[nodes];
        _stamp = new int[nodes];
        _settledList = new int[nodes];
        _heap = new MinHeap(start[^1] + (2 * nodes) + 16);
    }

    /// <summary>The minimum of Σ cost over partial matchings, costs already raised to the power p.</summary>
    public static double MinimumCost(DiagramPoints a, DiagramPoints b, double order, double groundOrder, CancellationToken cancellationToken)
    {
        var graph = PrunedMatchingGraph.Build(a, b, order, groundOrder);
        var flow = new DiagramMatchingFlow(graph.DiagonalA, graph.DiagonalB, graph.Start, graph.Target, graph.Weight);
        return flow.Solve(cancellationToken);
    }

    private double Solve(CancellationToken cancellationToken)
    {
        int supplyB = _m;
        while (supplyB > 0)
        {
            supplyB -= Augment(_deltaB, supplyB);
        }

        for (int i = 0; i < _n; i++)
        {
            if ((i & 31) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Augment(i, 1);
        }

        double total = 0;
        for (int i = 0; i < _n; i++)
        {
            total += _matchA[i] == Diagonal ? _diagonalA[i] : 0;
        }

        for (int j = 0; j < _m; j++)
        {
            total += _matchB[j] == Diagonal ? _diagonalB[j] : _matchCost[j];
        }

        return total;
    }

    /// <summary>One shortest-path augmentation from <paramref name="source"/>; returns the units pushed.</summary>
    private int Augment(int source, int supply)
    {
        _generation++;
        _heap.Clear();
        int settled = 0;
        Reach(source, 0, -1);
        int sink = -1;
        double sinkDistance = 0;
        while (_heap.TryPop(out double d, out int u))
        {
            if (d > _distance[u] || _stamp[u] == -_generation)
            {
                continue; // stale entry or already settled
            }

            _stamp[u] = -_generation;
            _settledList[settled++] = u;
            if (IsSink(u))
            {
                sink = u;
                sinkDistance = d;
                break;
            }

            Relax(u, d);
        }

        if (sink < 0)
        {
            throw new InvalidOperationException("The diagram matching network has no augmenting path (internal error).");
        }

        // Potentials: settled nodes move by d − d(sink); the others keep theirs (a common shift is irrelevant).
        for (int k = 0; k < settled; k++)
        {
            int v = _settledList[k];
            _potential[v] += _distance[v] - sinkDistance;
        }

        int units = 1;
        if (source == _deltaB && sink == _deltaA && _predecessor[sink] == _deltaB)
        {
            units = Math.Min(supply, _n - _inflowDeltaA);
        }

        // Flip the path, from the sink back to the source.
        int v2 = sink;
        while (v2 != source)
        {
            int u = _predecessor[v2];
            Apply(u, v2, units);
            v2 = u;
        }

        return units;
    }

    private bool IsSink(int u) => u < _n ? false : u < _n + _m ? _matchB[u - _n] == Free : u == _deltaA && _inflowDeltaA < _n;

    private void Reach(int v, double d, int from)
    {
        if (_stamp[v] == -_generation)
        {
            return;
        }

        if (_stamp[v] != _generation || d < _distance[v])
        {
            _stamp[v] = _generation;
            _distance[v] = d;
            _predecessor[v] = from;
            _heap.Push(d, v);
        }
    }

    private void Relax(int u, double d)
    {
        double pu = _potential[u];
        if (u < _n)
        {
            // a_i: to its pruned neighbours in B and to Δ_A.
            int i = u;
            int matched = _matchA[i];
            for (int e = _start[i]; e < _start[i + 1]; e++)
            {
                int j = _target[e];
                if (j != matched)
                {
                    int v = _n + j;
                    Reach(v, d + _weight[e] + pu - _potential[v], u);
                }
            }

            if (matched != Diagonal)
            {
                Reach(_deltaA, d + _diagonalA[i] + pu - _potential[_deltaA], u);
            }
        }
        else if (u < _n + _m)
        {
            // b_j (matched): back along its incoming edge.
            int j = u - _n;
            int from = _matchB[j];
            if (from == Diagonal)
            {
                Reach(_deltaB, d - _diagonalB[j] + pu - _potential[_deltaB], u);
            }
            else
            {
                Reach(from, d - _matchCost[j] + pu - _potential[from], u);
            }
        }
        else if (u == _deltaA)
        {
            // Δ_A (full): back to any point of A matched to the diagonal, or back to Δ_B.
            for (int i = 0; i < _n; i++)
            {
                if (_matchA[i] == Diagonal)
                {
                    Reach(i, d - _diagonalA[i] + pu - _potential[i], u);
                }
            }

            if (_diagonalToDiagonal > 0)
            {
                Reach(_deltaB, d + pu - _potential[_deltaB], u);
            }
        }
        else
        {
            // Δ_B: to every point of B it does not serve yet, and to Δ_A.
            for (int j = 0; j < _m; j++)
            {
                if (_matchB[j] != Diagonal)
                {
                    int v = _n + j;
                    Reach(v, d + _diagonalB[j] + pu - _potential[v], u);
                }
            }

            Reach(_deltaA, d + pu - _potential[_deltaA], u);
        }
    }

    private void Apply(int u, int v, int units)
    {
        if (u < _n)
        {
            if (v == _deltaA)
            {
                _matchA[u] = Diagonal;
                _inflowDeltaA++;
            }
            else
            {
                int j = v - _n;
                _matchA[u] = j;
                _matchB[j] = u;
                _matchCost[j] = EdgeCost(u, j);
            }
        }
        else if (u == _deltaB)
        {
            if (v == _deltaA)
            {
                _diagonalToDiagonal += units;
                _inflowDeltaA += units;
            }
            else
            {
                _matchB[v - _n] = Diagonal;
            }
        }
        else if (u == _deltaA)
        {
            // Reverse of a_i → Δ_A or of Δ_B → Δ_A; the next arc on the path gives the new flow.
            _inflowDeltaA--;
            if (v == _deltaB)
            {
                _diagonalToDiagonal--;
            }
        }

        // u = b_j: reverse of the edge into b_j; the previous arc on the path gives b_j its new partner.
    }

    private double EdgeCost(int i, int j)
    {
        for (int e = _start[i]; e < _start[i + 1]; e++)
        {
            if (_target[e] == j)
            {
                return _weight[e];
            }
        }

        throw new InvalidOperationException("Edge not in the pruned graph (internal error).");
    }
}
