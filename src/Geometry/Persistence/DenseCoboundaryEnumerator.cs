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

        return i > j ? _lower[(((long)i * (i - 1)) >> 1) + j] : _lower[(((long)j * (j - 1)) >> 1) + i];
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
            _rowStarts[t] = ((long)w * (w - 1)) >> 1;
        }
    }

    public bool TryNext(bool allCofacets, out DiameterIndex cofacet)
    {
        var binomial = _binomial;
        if (_v < _k || (!allCofacets && binomial[_v, _k] <= _indexBelow))
        {
            cofacet = default;
            return false;
        }

        while (binomial[_v, _k] <= _indexBelow)
        {
            _indexBelow -= binomial[_v, _k];
            _indexAbove += binomial[_v, _k + 1];
            _v--;
            _k--;
        }

        int v = _v;
        float diameter = _diameter;
        long rowV = ((long)v * (v - 1)) >> 1;
        float[] lower = _lower;
        for (int t = 0; t < _vertexTotal; t++)
        {
            int w = _vertices[t];
            float d = v > w ? lower[rowV + w] : lower[_rowStarts[t] + v];
            if (d > diameter)
            {
                diameter = d;
            }
        }

        cofacet = new DiameterIndex(diameter, _indexAbove + binomial[v, _k + 1] + _indexBelow);
        _v = v - 1;
        return true;
    }

    public readonly ICoboundaryEnumerator CloneBoxed() => new DenseCoboundaryEnumerator(_lower, VertexCount, _binomial);
}
