namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// Cofacets of a simplex of the Rips complex of a sparse distance matrix: the common neighbours of its vertices,
/// found by walking their sorted neighbour lists downwards together.
/// </summary>
internal struct SparseCoboundaryEnumerator : ICoboundaryEnumerator
{
    private readonly int[] _offsets;
    private readonly int[] _neighbors;
    private readonly float[] _distances;
    private readonly BinomialTable _binomial;
    private readonly int[] _vertices;
    private readonly int[] _cursor;
    private readonly int[] _sorted;
    private int _vertexTotal;
    private long _indexBelow;
    private long _indexAbove;
    private int _k;
    private float _diameter;

    public SparseCoboundaryEnumerator(SparseDistanceMatrix matrix, BinomialTable binomial)
    {
        _offsets = matrix.Offsets;
        _neighbors = matrix.Neighbors;
        _distances = matrix.Distances;
        VertexCount = matrix.Count;
        _binomial = binomial;
        _vertices = new int[binomial.MaxK + 1];
        _cursor = new int[binomial.MaxK + 1];
        _sorted = new int[binomial.MaxK + 1];
    }

    private SparseCoboundaryEnumerator(int[] offsets, int[] neighbors, float[] distances, int count, BinomialTable binomial)
    {
        _offsets = offsets;
        _neighbors = neighbors;
        _distances = distances;
        VertexCount = count;
        _binomial = binomial;
        _vertices = new int[binomial.MaxK + 1];
        _cursor = new int[binomial.MaxK + 1];
        _sorted = new int[binomial.MaxK + 1];
    }

    public int VertexCount { get; }

    public readonly float Distance(int i, int j)
    {
        if (i == j)
        {
            return 0f;
        }

        int start = _offsets[i];
        int at = Array.BinarySearch(_neighbors, start, _offsets[i + 1] - start, j);
        return at >= 0 ? _distances[at] : float.PositiveInfinity;
    }

    public void Reset(in DiameterIndex simplex, int dimension)
    {
        _indexBelow = simplex.Index;
        _indexAbove = 0;
        _k = dimension + 1;
        _diameter = simplex.Diameter;
        _vertexTotal = dimension + 1;
        SimplexVertices.Decode(simplex.Index, dimension, VertexCount, _binomial, _sorted);
        _sorted.AsSpan(0, _vertexTotal).CopyTo(_vertices);

        // Lead with the vertex of fewest neighbours; every cursor starts at the top of its list.
        int lead = 0;
        for (int t = 1; t < _vertexTotal; t++)
        {
            if (Degree(_vertices[t]) < Degree(_vertices[lead]))
            {
                lead = t;
            }
        }

        (_vertices[0], _vertices[lead]) = (_vertices[lead], _vertices[0]);
        for (int t = 0; t < _vertexTotal; t++)
        {
            _cursor[t] = _offsets[_vertices[t] + 1] - 1;
        }

    }

    private readonly int Degree(int v) => _offsets[v + 1] - _offsets[v];

    public bool TryNext(bool allCofacets, out DiameterIndex cofacet)
    {
        int[] neighbors = _neighbors;
        int[] offsets = _offsets;
        int leadEnd = offsets[_vertices[0]];
        int top = _sorted[0];
        while (_cursor[0] >= leadEnd)
        {
            int x = neighbors[_cursor[0]];
            if (!allCofacets && x < top)
            {
                break;
            }

            float diameter = Math.Max(_diameter, _distances[_cursor[0]]);
            bool common = true;
            for (int t = 1; t < _vertexTotal; t++)
            {
                int end = offsets[_vertices[t]];
                int c = _cursor[t];
                while (c >= end && neighbors[c] > x)
                {
                    c--;
                }

                _cursor[t] = c;
                if (c < end)
                {
                    _cursor[0] = leadEnd - 1; // another list is exhausted: no more common neighbours
                    cofacet = default;
                    return false;
                }

                if (neighbors[c] != x)
                {
                    common = false;
                    break;
                }

                diameter = Math.Max(diameter, _distances[c]);
            }

            _cursor[0]--;
            if (!common)
            {
                continue;
            }

            // Move the simplex vertices above x from the "below" part of the index to the "above" part.
            while (_k > 0 && _sorted[_vertexTotal - _k] > x)
            {
                int w = _sorted[_vertexTotal - _k];
                _indexBelow -= _binomial[w, _k];
                _indexAbove += _binomial[w, _k + 1];
                _k--;
            }

            cofacet = new DiameterIndex(diameter, _indexAbove + _binomial[x, _k + 1] + _indexBelow);
            return true;
        }

        cofacet = default;
        return false;
    }

    public DiameterIndex ZeroPivotCofacet(in DiameterIndex simplex, int dimension)
    {
        Reset(simplex, dimension);
        while (TryNext(true, out var cofacet))
        {
            if (cofacet.Diameter == simplex.Diameter)
            {
                return cofacet;
            }
        }

        return DiameterIndex.None;
    }

    public readonly ICoboundaryEnumerator CloneBoxed() => new SparseCoboundaryEnumerator(_offsets, _neighbors, _distances, VertexCount, _binomial);
}
