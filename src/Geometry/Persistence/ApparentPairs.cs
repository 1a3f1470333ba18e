namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// Tests for zero-persistence apparent pairs (σ, τ): τ is the first cofacet of σ in filtration order and σ the
/// last facet of τ, at the same diameter. Such pairs are read off the complex without any reduction. One instance
/// per thread: it owns its enumerator and buffers.
/// </summary>
internal sealed class ApparentPairs<TCofacets>
    where TCofacets : struct, ICoboundaryEnumerator
{
    private readonly BinomialTable _binomial;
    private readonly int[] _vertices;
    private readonly float[] _pairDistances;
    private TCofacets _cofacets;

    public ApparentPairs(TCofacets cofacets, BinomialTable binomial)
    {
        _cofacets = cofacets;
        _binomial = binomial;
        _vertices = new int[binomial.MaxK + 1];
        _pairDistances = new float[(binomial.MaxK + 1) * (binomial.MaxK + 1)];
    }

    /// <summary>The first cofacet of <paramref name="simplex"/> (largest index first) with the same diameter, or none.</summary>
    public DiameterIndex ZeroPivotCofacet(in DiameterIndex simplex, int dimension) => _cofacets.ZeroPivotCofacet(simplex, dimension);

    /// <summary>The facet of <paramref name="simplex"/> with the smallest index and the same diameter, or none.</summary>
    public DiameterIndex ZeroPivotFacet(in DiameterIndex simplex, int dimension)
    {
        int m = dimension + 1;
        Span<int> v = _vertices.AsSpan(0, m);
        SimplexVertices.Decode(simplex.Index, dimension, _cofacets.VertexCount, _binomial, v);
        float[] d = _pairDistances;
        for (int a = 0; a < m; a++)
        {
            for (int b = a + 1; b < m; b++)
            {
                float dab = _cofacets.Distance(v[a], v[b]);
                d[(a * m) + b] = dab;
                d[(b * m) + a] = dab;
            }
        }

        // Removing the largest vertex first gives the facets in increasing index order.
        for (int p = 0; p < m; p++)
        {
            float diameter = 0f;
            for (int a = 0; a < m; a++)
            {
                if (a == p)
                {
                    continue;
                }

                for (int b = a + 1; b < m; b++)
                {
                    if (b != p && d[(a * m) + b] > diameter)
                    {
                        diameter = d[(a * m) + b];
                    }
                }
            }

            if (diameter == simplex.Diameter)
            {
                long index = 0;
                for (int q = 0; q < m; q++)
                {
                    if (q < p)
                    {
                        index += _binomial[v[q], dimension - q];
                    }
                    else if (q > p)
                    {
                        index += _binomial[v[q], dimension - q + 1];
                    }
                }

                return new DiameterIndex(diameter, index);
            }
        }

        return DiameterIndex.None;
    }

    /// <summary>The facet σ with (σ, <paramref name="simplex"/>) an apparent pair, or none.</summary>
    public DiameterIndex ZeroApparentFacet(in DiameterIndex simplex, int dimension)
    {
        var facet = ZeroPivotFacet(simplex, dimension);
        return facet.Exists && ZeroPivotCofacet(facet, dimension - 1).Index == simplex.Index ? facet : DiameterIndex.None;
    }

    /// <summary>The cofacet τ with (<paramref name="simplex"/>, τ) an apparent pair, or none.</summary>
    public DiameterIndex ZeroApparentCofacet(in DiameterIndex simplex, int dimension)
    {
        var cofacet = ZeroPivotCofacet(simplex, dimension);
        return cofacet.Exists && ZeroPivotFacet(cofacet, dimension + 1).Index == simplex.Index ? cofacet : DiameterIndex.None;
    }

    /// <summary>True when <paramref name="simplex"/> is either end of an apparent pair.</summary>
    public bool IsInZeroApparentPair(in DiameterIndex simplex, int dimension) =>
        ZeroApparentCofacet(simplex, dimension).Exists || (dimension > 0 && ZeroApparentFacet(simplex, dimension).Exists);
}
