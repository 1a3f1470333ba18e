namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// The index of an edge {i, j} with i &gt; j in the combinatorial number system, C(i, 2) + j: its place in the
/// compressed lower triangle of a distance matrix, where row i starts at C(i, 2) = i(i − 1)/2.
/// </summary>
internal static class EdgeIndex
{
    /// <summary>C(i, 2) + j for i &gt; j.</summary>
    public static long Of(int i, int j) => RowStart(i) + j;

    /// <summary>C(i, 2) + j for any i ≠ j (the order does not matter).</summary>
    public static long OfPair(int i, int j) => i > j ? Of(i, j) : Of(j, i);

    /// <summary>C(i, 2) = i(i − 1)/2, where row i of the lower triangle starts.</summary>
    public static long RowStart(int i) => ((long)i * (i - 1)) >> 1;
}
