using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClipGeometry.Geometry.Persistence;

/// <summary>Cofacets of a simplex of the Rips complex of a dense (compressed lower-triangular) distance matrix.</summary>
internal struct DenseCoboundaryEnumerator : ICoboundaryEnumerator
{
    private readonly float[] _lower;
    private readonly BinomialTable _binomial;
    private readonly int[] _vertices;
    private readonly long[] _rowStarts;
    private int _vertexTotal;
    private long _indexBelow;
    private long _indexAbove;
    private int _v;
    private int _k;
    private float _diameter;

    public DenseCoboundaryEnumerator(float[] lower, int vertexCount, BinomialTable binomial)
    {
        _lower = lower;
        VertexCount = vertexCount;
        _binomial = binomial;
        _vertices = new int[binomial.MaxK + 1];
        _rowStarts = new long[binomial.MaxK + 1];
    }

    public int VertexCount { get; }

    public readonly float Distance(int i, int j)
    {
        if (i == j)
        {
            return 0f;
        }

        return _lower[EdgeIndex.OfPair(i, j)];
    }

    public void Reset(in DiameterIndex simplex, int dimension)
    {
        _indexBelow = simplex.Index;
        _indexAbove = 0;
        _v = VertexCount - 1;
        _k = dimension + 1;
        _diameter = simplex.Diameter;
        _vertexTotal = dimension + 1;
        SimplexVertices.Decode(simplex.Index, dimension, VertexCount, _binomial, _vertices);
        for (int t = 0; t < _vertexTotal; t++)
        {
            int w = _vertices[t];
            _rowStarts[t] = EdgeIndex.RowStart(w);
        }
    }

    public bool TryNext(bool allCofacets, out DiameterIndex cofacet)
    {
        // C(v, k) lives at k · stride + v; indices are in range by construction (v < n, k ≤ dimension + 2).
        ref long table = ref MemoryMarshal.GetArrayDataReference(_binomial.Flat);
        int stride = _binomial.Stride;
        int v = _v;
        int k = _k;
        long below = _indexBelow;
        if (v < k || (!allCofacets && Unsafe.Add(ref table, (k * stride) + v) <= below))
        {
            cofacet = default;
            return false;
        }

        long choose;
        while ((choose = Unsafe.Add(ref table, (k * stride) + v)) <= below)
        {
            below -= choose;
            _indexAbove += Unsafe.Add(ref table, ((k + 1) * stride) + v);
            v--;
            k--;
        }

        float diameter = _diameter;
        long rowV = EdgeIndex.RowStart(v);
        ref float lower = ref MemoryMarshal.GetArrayDataReference(_lower);
        ref int vertices = ref MemoryMarshal.GetArrayDataReference(_vertices);
        ref long rowStarts = ref MemoryMarshal.GetArrayDataReference(_rowStarts);
        for (int t = 0; t < _vertexTotal; t++)
        {
            int w = Unsafe.Add(ref vertices, t);
            float d = v > w ? Unsafe.Add(ref lower, (nint)(rowV + w)) : Unsafe.Add(ref lower, (nint)(Unsafe.Add(ref rowStarts, t) + v));
            if (d > diameter)
            {
                diameter = d;
            }
        }

        cofacet = new DiameterIndex(diameter, _indexAbove + Unsafe.Add(ref table, ((k + 1) * stride) + v) + below);
        _indexBelow = below;
        _k = k;
        _v = v - 1;
        return true;
    }

    public DiameterIndex ZeroPivotCofacet(in DiameterIndex simplex, int dimension)
    {
        // A scan down the vertices that stops at the first vertex within the diameter of all of the simplex's,
        // testing each with an early exit and computing the index only for the one found.
        Reset(simplex, dimension);
        int m = dimension + 1;
        float diameter = simplex.Diameter;
        ref float lower = ref MemoryMarshal.GetArrayDataReference(_lower);
        int[] vertices = _vertices;
        long[] rowStarts = _rowStarts;
        int t = 0;
        for (int x = VertexCount - 1; x >= 0; x--)
        {
            if (t < m && x == vertices[t])
            {
                t++;
                continue;
            }

            long rowX = EdgeIndex.RowStart(x);
            bool within = true;
            for (int s = 0; s < m; s++)
            {
                int w = vertices[s];
                float d = w < x ? Unsafe.Add(ref lower, (nint)(rowX + w)) : Unsafe.Add(ref lower, (nint)(rowStarts[s] + x));
                if (d > diameter)
                {
                    within = false;
                    break;
                }
            }

            if (within)
            {
                // Sorted, the cofacet is v_0 > … > v_{t−1} > x > v_t > …; the vertex at position p has rank m − p.
                long index = _binomial[x, m - t + 1];
                for (int s = 0; s < m; s++)
                {
                    index += s < t ? _binomial[vertices[s], m - s + 1] : _binomial[vertices[s], m - s];
                }

                return new DiameterIndex(diameter, index);
            }
        }

        return DiameterIndex.None;
    }

    public readonly ICoboundaryEnumerator CloneBoxed() => new DenseCoboundaryEnumerator(_lower, VertexCount, _binomial);
}
