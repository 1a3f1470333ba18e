namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// Hopcroft–Karp maximum bipartite matching (1973) restricted to the "forced" left vertices of a threshold graph:
/// BFS layers from the free forced vertices, then vertex-disjoint shortest augmenting paths by DFS, O(E √V).
/// </summary>
internal sealed class HopcroftKarp
{
    private readonly int[] _matchLeft;
    private readonly int[] _matchRight;
    private readonly int[] _layer;
    private readonly int[] _degree;
    private readonly int[] _cursor;
    private readonly int[] _queue;
    private readonly int[] _forced;
    private readonly int[] _stack;

    public HopcroftKarp(int left, int right)
    {
        _matchLeft = new int[left];
        _matchRight = new int[right];
        _layer = new int[left];
        _degree = new int[left];
        _cursor = new int[left];
        _queue = new int[left];
        _forced = new int[left];
        _stack = new int[left + 1];
    }

    /// <summary>
    /// True when the edges of weight ≤ <paramref name="t"/> admit a matching that covers every left vertex whose
    /// diagonal distance exceeds t (the others may stay unmatched: they go to the diagonal).
    /// </summary>
    public bool CoversForced(ThresholdGraph graph, double[] diagonal, double t)
    {
        int left = graph.Left;
        int forcedCount = 0;
        for (int u = 0; u < left; u++)
        {
            if (diagonal[u] > t)
            {
                int degree = graph.Degree(u, t);
                if (degree == 0)
                {
                    return false;
                }

                _forced[forcedCount++] = u;
                _degree[u] = degree;
            }
        }

        if (forcedCount > graph.Right)
        {
            return false;
        }

        // Only forced vertices take part; the rest of the left side is irrelevant to covering them.
        Array.Fill(_matchRight, -1);
        for (int k = 0; k < forcedCount; k++)
        {
            _matchLeft[_forced[k]] = -1;
        }

        // Greedy start.
        int matched = 0;
        for (int k = 0; k < forcedCount; k++)
        {
            int u = _forced[k];
            var neighbours = graph.NeighboursOf(u, _degree[u]);
            foreach (int v in neighbours)
            {
                if (_matchRight[v] < 0)
                {
                    _matchRight[v] = u;
                    _matchLeft[u] = v;
                    matched++;
                    break;
                }
            }
        }

        while (matched < forcedCount)
        {
            if (!BreadthFirst(graph, forcedCount))
            {
                return false;
            }

            for (int k = 0; k < forcedCount; k++)
            {
                int u = _forced[k];
                if (_matchLeft[u] < 0 && DepthFirst(graph, u))
                {
                    matched++;
                }
            }
        }

        return true;
    }

    private const int Unreached = int.MaxValue;

    private int _freeLayer;

    private bool BreadthFirst(ThresholdGraph graph, int forcedCount)
    {
        int head = 0;
        int tail = 0;
        for (int k = 0; k < forcedCount; k++)
        {
            int u = _forced[k];
            _cursor[u] = 0;
            if (_matchLeft[u] < 0)
            {
                _layer[u] = 0;
                _queue[tail++] = u;
            }
            else
            {
                _layer[u] = Unreached;
            }
        }

        _freeLayer = Unreached;
        while (head < tail)
        {
            int u = _queue[head++];
            if (_layer[u] >= _freeLayer)
            {
                continue;
            }

            var neighbours = graph.NeighboursOf(u, _degree[u]);
            foreach (int v in neighbours)
            {
                int w = _matchRight[v];
                if (w < 0)
                {
                    if (_freeLayer == Unreached)
                    {
                        _freeLayer = _layer[u] + 1;
                    }
                }
                else if (_layer[w] == Unreached)
                {
                    _layer[w] = _layer[u] + 1;
                    _queue[tail++] = w;
                }
            }
        }

        return _freeLayer != Unreached;
    }

    private bool DepthFirst(ThresholdGraph graph, int root)
    {
        // Iterative DFS along the layers; _stack holds the left vertices of the current path.
        int depth = 0;
        _stack[0] = root;
        while (depth >= 0)
        {
            int u = _stack[depth];
            int degree = _degree[u];
            var neighbours = graph.NeighboursOf(u, degree);
            bool advanced = false;
            while (_cursor[u] < degree)
            {
                int v = neighbours[_cursor[u]];
                int w = _matchRight[v];
                if (w < 0)
                {
                    if (_layer[u] + 1 == _freeLayer)
                    {
                        // Augment along the path: each stacked vertex takes the neighbour its cursor points at.
                        for (int k = depth; k >= 0; k--)
                        {
                            int x = _stack[k];
                            int y = graph.Neighbours[graph.Start[x] + _cursor[x]];
                            _matchRight[y] = x;
                            _matchLeft[x] = y;
                            _cursor[x]++;
                        }

                        return true;
                    }

                    _cursor[u]++;
                }
                else if (_layer[w] == _layer[u] + 1)
                {
                    _stack[++depth] = w;
                    advanced = true;
                    break;
                }
                else
                {
                    _cursor[u]++;
                }
            }

            if (!advanced)
            {
                _layer[u] = Unreached;
                depth--;
                if (depth >= 0)
                {
                    _cursor[_stack[depth]]++;
                }
            }
        }

        return false;
    }
}
