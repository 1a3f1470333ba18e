namespace ClipGeometry.Geometry.Persistence;

/// <summary>Disjoint sets over 0..n−1 with path halving and union by rank.</summary>
internal sealed class UnionFind
{
    private readonly int[] _parent;
    private readonly byte[] _rank;

    /// <summary>n singletons.</summary>
    public UnionFind(int count)
    {
        _parent = new int[count];
        _rank = new byte[count];
        for (int i = 0; i < count; i++)
        {
            _parent[i] = i;
        }
    }

    /// <summary>The representative of <paramref name="x"/>'s set.</summary>
    public int Find(int x)
    {
        int[] parent = _parent;
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    /// <summary>Merges the sets whose representatives are <paramref name="a"/> and <paramref name="b"/>.</summary>
    public void Link(int a, int b)
    {
        if (a == b)
        {
            return;
        }

        if (_rank[a] > _rank[b])
        {
            _parent[b] = a;
        }
        else
        {
            _parent[a] = b;
            if (_rank[a] == _rank[b])
            {
                _rank[b]++;
            }
        }
    }
}
