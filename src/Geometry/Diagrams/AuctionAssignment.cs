namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// Approximate diagram matching by Bertsekas's forward auction with ε-scaling (Bertsekas 1988), on the augmented
/// assignment problem in the sparse form of Kerber, Morozov and Nigmetov (2017, "Geometry helps to compare
/// persistence diagrams"): bidders are the points of A and the diagonal copies of B's points, items the points of B
/// and the diagonal copies of A's points. A point of A bids over its pruned neighbours (<see cref="PrunedMatchingGraph"/>)
/// and its own diagonal copy; a diagonal bidder over its own point and the two cheapest diagonal items, kept in a
/// lazy min-heap of prices, so the dense diagonal-to-diagonal block never exists. Each phase ends in a complete
/// assignment satisfying ε-complementary slackness; the prices give a dual lower bound on the optimum (of the pruned
/// problem, which has the same optimum), so the gap between the two is a proven error bound.
/// </summary>
internal sealed class AuctionAssignment
{
    private readonly PrunedMatchingGraph _graph;
    private readonly int _n;
    private readonly int _m;
    private readonly double[] _price;     // items: b_j at j, a'_i at m + i
    private readonly int[] _owner;        // item → bidder or −1
    private readonly int[] _item;         // bidder → item or −1 (bidders: a_i at i, b'_j at n + j)
    private readonly MinHeap _diagonalPrices;

    private AuctionAssignment(PrunedMatchingGraph graph)
    {
        _graph = graph;
        _n = graph.CountA;
        _m = graph.CountB;
        _price = new double[_n + _m];
        _owner = new int[_n + _m];
        _item = new int[_n + _m];
        _diagonalPrices = new MinHeap(4 * (_n + 1));
    }

    /// <summary>
    /// Runs ε-phases until (primal + offset) ≤ (1 + relativeGap)·(dual + offset), or ε is negligible. Returns the cost
    /// of the assignment found and the dual lower bound on the optimum (both Σ cost^p over the finite parts).
    /// </summary>
    public static (double Primal, double Dual) Solve(
        DiagramPoints a, DiagramPoints b, double order, double groundOrder, double relativeGap, double offset, CancellationToken cancellationToken)
    {
        var graph = PrunedMatchingGraph.Build(a, b, order, groundOrder);
        return new AuctionAssignment(graph).Run(relativeGap, offset, cancellationToken);
    }

    private (double Primal, double Dual) Run(double relativeGap, double offset, CancellationToken cancellationToken)
    {
        double largest = 0;
        foreach (double c in _graph.DiagonalA)
        {
            largest = Math.Max(largest, c);
        }

        foreach (double c in _graph.DiagonalB)
        {
            largest = Math.Max(largest, c);
        }

        if (largest == 0)
        {
            return (0, 0);
        }

        int bidders = _n + _m;
        var unassigned = new Stack<int>(bidders);
        double epsilon = largest / 4;
        double floor = largest * 1e-15;
        double primal = double.PositiveInfinity;
        double dual = double.NegativeInfinity;
        long bids = 0;
        while (true)
        {
            Array.Fill(_owner, -1);
            Array.Fill(_item, -1);
            _diagonalPrices.Clear();
            for (int i = 0; i < _n; i++)
            {
                _diagonalPrices.Push(_price[_m + i], i);
            }

            for (int bidder = bidders - 1; bidder >= 0; bidder--)
            {
                unassigned.Push(bidder);
            }

            while (unassigned.Count > 0)
            {
                if ((++bids & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                int bidder = unassigned.Pop();
                var (bestItem, best, second) = BestTwo(bidder);
                double increment = double.IsFinite(second) ? second - best + epsilon : largest + epsilon;
                _price[bestItem] += increment;
                if (bestItem >= _m)
                {
                    _diagonalPrices.Push(_price[bestItem], bestItem - _m);
                }

                int previous = _owner[bestItem];
                if (previous >= 0)
                {
                    _item[previous] = -1;
                    unassigned.Push(previous);
                }

                _owner[bestItem] = bidder;
                _item[bidder] = bestItem;
            }

            var (phasePrimal, phaseDual) = Bounds();
            primal = Math.Min(primal, phasePrimal);
            dual = Math.Max(dual, phaseDual);
            if (primal + offset <= (1 + relativeGap) * (Math.Max(dual, 0) + offset) || epsilon <= floor)
            {
                return (primal, dual);
            }

            epsilon /= 5;
        }
    }

    /// <summary>The bidder's cheapest item (cost + price), that value, and the second-cheapest value.</summary>
    private (int Item, double Best, double Second) BestTwo(int bidder)
    {
        double best = double.PositiveInfinity;
        double second = double.PositiveInfinity;
        int bestItem = -1;
        void Offer(int item, double value)
        {
            if (value < second)
            {
                if (value < best)
                {
                    second = best;
                    best = value;
                    bestItem = item;
                }
                else
                {
                    second = value;
                }
            }
        }

        if (bidder < _n)
        {
            int i = bidder;
            for (int e = _graph.Start[i]; e < _graph.Start[i + 1]; e++)
            {
                int j = _graph.Target[e];
                Offer(j, _graph.Weight[e] + _price[j]);
            }

            Offer(_m + i, _graph.DiagonalA[i] + _price[_m + i]);
        }
        else
        {
            int j = bidder - _n;
            Offer(j, _graph.DiagonalB[j] + _price[j]);
            if (_n > 0)
            {
                var (first, firstPrice) = CheapestDiagonal();
                _diagonalPrices.TryPop(out _, out _);
                Offer(_m + first, firstPrice);
                if (_n > 1)
                {
                    var (next, nextPrice) = CheapestDiagonal();
                    Offer(_m + next, nextPrice);
                }

                _diagonalPrices.Push(firstPrice, first);
            }
        }

        return (bestItem, best, second);
    }

    /// <summary>The diagonal item of lowest current price (stale heap entries are dropped); left on the heap.</summary>
    private (int Index, double Price) CheapestDiagonal()
    {
        while (true)
        {
            _diagonalPrices.TryPeek(out double price, out int index);
            if (price == _price[_m + index])
            {
                return (index, price);
            }

            _diagonalPrices.TryPop(out _, out _);
        }
    }

    /// <summary>The assignment's cost and the dual value Σ_bidders min(cost + price) − Σ prices.</summary>
    private (double Primal, double Dual) Bounds()
    {
        double primal = 0;
        double rows = 0;
        double minimumDiagonalPrice = double.PositiveInfinity;
        for (int i = 0; i < _n; i++)
        {
            minimumDiagonalPrice = Math.Min(minimumDiagonalPrice, _price[_m + i]);
        }

        for (int i = 0; i < _n; i++)
        {
            int item = _item[i];
            double best = _graph.DiagonalA[i] + _price[_m + i];
            for (int e = _graph.Start[i]; e < _graph.Start[i + 1]; e++)
            {
                int j = _graph.Target[e];
                best = Math.Min(best, _graph.Weight[e] + _price[j]);
                if (j == item)
                {
                    primal += _graph.Weight[e];
                }
            }

            if (item == _m + i)
            {
                primal += _graph.DiagonalA[i];
            }

            rows += best;
        }

        for (int j = 0; j < _m; j++)
        {
            if (_item[_n + j] == j)
            {
                primal += _graph.DiagonalB[j];
            }

            rows += Math.Min(_graph.DiagonalB[j] + _price[j], minimumDiagonalPrice);
        }

        double prices = 0;
        foreach (double p in _price)
        {
            prices += p;
        }

        return (primal, rows - prices);
    }
}
