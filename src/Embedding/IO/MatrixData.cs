namespace ClipGeometry.Embedding.IO;

/// <summary>A dense matrix read from a file: row-major values with the file they came from.</summary>
/// <param name="Values">Row-major values.</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Columns">Number of columns.</param>
/// <param name="Source">The file it was read from, for error messages.</param>
public sealed record MatrixData(double[] Values, int Rows, int Columns, string Source)
{
    /// <summary>Element (i, j).</summary>
    public double this[int i, int j] => Values[(i * Columns) + j];
}
