using System.Numerics.Tensors;

namespace ClipGeometry.Embedding.Models;

/// <summary>Scales rows of a row-major matrix to unit Euclidean length.</summary>
public static class L2Normalization
{
    /// <summary>Normalises each row of <paramref name="rows"/> (<paramref name="dimension"/> values each) in place; zero rows stay zero.</summary>
    public static void NormalizeRows(Span<float> rows, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        for (int start = 0; start + dimension <= rows.Length; start += dimension)
        {
            Span<float> row = rows.Slice(start, dimension);
            float norm = TensorPrimitives.Norm(row);
            if (norm > 0 && float.IsFinite(norm))
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }
    }
}
