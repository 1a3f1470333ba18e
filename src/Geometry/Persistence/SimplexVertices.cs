namespace ClipGeometry.Geometry.Persistence;

/// <summary>Decoding of a simplex index in the combinatorial number system into its vertices.</summary>
internal static class SimplexVertices
{
    /// <summary>
    /// Writes the <paramref name="dimension"/> + 1 vertices of simplex <paramref name="index"/> into
    /// <paramref name="vertices"/>, largest first: index = Σ C(v_r, r + 1) over the vertices v_r of rank r.
    /// </summary>
    public static void Decode(long index, int dimension, int vertexCount, BinomialTable binomial, Span<int> vertices)
    {
        int v = vertexCount - 1;
        for (int k = dimension + 1, p = 0; k >= 1; k--, p++)
        {
            v = LargestVertex(index, k, v, binomial);
            vertices[p] = v;
            index -= binomial[v, k];
        }
    }

    /// <summary>The largest v ≤ <paramref name="top"/> with C(v, k) ≤ <paramref name="index"/>, by binary search.</summary>
    public static int LargestVertex(long index, int k, int top, BinomialTable binomial)
    {
        if (binomial[top, k] <= index)
        {
            return top;
        }

        int low = k - 1, high = top; // C(low, k) = 0 ≤ index < C(high, k)
        while (high - low > 1)
        {
            int mid = (int)(((uint)low + (uint)high) >> 1);
            if (binomial[mid, k] <= index)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
