namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// Enumerates the cofacets of a simplex of a Rips complex implicitly (without storing the coboundary matrix),
/// in decreasing order of the added vertex, hence of cofacet index. Implemented by structs so that the
/// reduction, generic over them, is specialised and inlined by the JIT.
/// </summary>
internal interface ICoboundaryEnumerator
{
    /// <summary>The number of vertices of the complex.</summary>
    int VertexCount { get; }

    /// <summary>The distance between two vertices (+∞ when a sparse complex has no such edge).</summary>
    float Distance(int i, int j);

    /// <summary>Starts the enumeration of the cofacets of <paramref name="simplex"/>, of dimension <paramref name="dimension"/>.</summary>
    void Reset(in DiameterIndex simplex, int dimension);

    /// <summary>
    /// The next cofacet; with <paramref name="allCofacets"/> false only those whose new vertex is larger than every
    /// vertex of the simplex (each (k+1)-simplex is then met exactly once, from its facet without its top vertex).
    /// </summary>
    bool TryNext(bool allCofacets, out DiameterIndex cofacet);

    /// <summary>
    /// The first cofacet (largest index first) with the diameter of <paramref name="simplex"/>, or
    /// <see cref="DiameterIndex.None"/>: the zero-persistence pivot candidate of an apparent pair. Resets the enumeration.
    /// </summary>
    DiameterIndex ZeroPivotCofacet(in DiameterIndex simplex, int dimension);

    /// <summary>A fresh enumerator over the same complex with its own buffers (one per thread).</summary>
    ICoboundaryEnumerator CloneBoxed();
}
