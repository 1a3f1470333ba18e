namespace ClipGeometry.Embedding.IO;

/// <summary>An n-dimensional array read from a <c>.npy</c> file, widened to double, row-major (C order).</summary>
/// <param name="Shape">The array's shape, outermost first.</param>
/// <param name="Data">The values, row-major.</param>
/// <param name="DType">The element type as NumPy wrote it, e.g. <c>&lt;f4</c>.</param>
public sealed record NpyArray(int[] Shape, double[] Data, string DType)
{
    /// <summary>Rows of a 2-D array (the first extent).</summary>
    public int Rows => Shape.Length > 0 ? Shape[0] : 1;

    /// <summary>Columns of a 2-D array (the product of the remaining extents).</summary>
    public int Columns
    {
        get
        {
            int c = 1;
            for (int i = 1; i < Shape.Length; i++)
            {
                c *= Shape[i];
            }

            return c;
        }
    }
}
