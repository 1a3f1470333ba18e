using System.Numerics.Tensors;

namespace ClipGeometry.Geometry.Similarity;

/// <summary>Cosine similarity matrices between sets of embedding rows (image × image, image × text, text × text).</summary>
public static class CosineSimilarity
{
    /// <summary>Copies of the rows scaled to unit L2 norm (row-major n × d).</summary>
    /// <exception cref="ArgumentException">A row is zero or holds a non-finite value.</exception>
    public static double[] Normalize(ReadOnlySpan<double> rows, int count, int dimension)
    {
        Check(rows, count, dimension);
        var result = new double[count * dimension];
        for (int i = 0; i < count; i++)
        {
            var source = rows.Slice(i * dimension, dimension);
            double norm = TensorPrimitives.Norm(source);
            if (norm == 0)
            {
                throw new ArgumentException($"Row {i + 1} is the zero vector; its cosine similarity is undefined.");
            }

            TensorPrimitives.Divide(source, norm, result.AsSpan(i * dimension, dimension));
        }

        return result;
    }

    /// <summary>S[i, j] = cos(a_i, b_j), row-major n × m.</summary>
    public static double[] Matrix(ReadOnlySpan<double> first, int firstCount, ReadOnlySpan<double> second, int secondCount, int dimension)
    {
        var a = Normalize(first, firstCount, dimension);
        var b = Normalize(second, secondCount, dimension);
        return MatrixOfNormalized(a, firstCount, b, secondCount, dimension);
    }

    /// <summary>S = A Bᵀ for rows already of unit norm.</summary>
    public static double[] MatrixOfNormalized(ReadOnlySpan<double> first, int firstCount, ReadOnlySpan<double> second, int secondCount, int dimension)
    {
        var result = new double[firstCount * secondCount];
        for (int i = 0; i < firstCount; i++)
        {
            var x = first.Slice(i * dimension, dimension);
            var row = result.AsSpan(i * secondCount, secondCount);
            for (int j = 0; j < secondCount; j++)
            {
                row[j] = TensorPrimitives.Dot(x, second.Slice(j * dimension, dimension));
            }
        }

        return result;
    }

    internal static void Check(ReadOnlySpan<double> rows, int count, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rows.Length != (long)count * dimension)
        {
            throw new ArgumentException($"{count} rows of dimension {dimension} need {(long)count * dimension} values, not {rows.Length}.");
        }

        for (int k = 0; k < rows.Length; k++)
        {
            if (!double.IsFinite(rows[k]))
            {
                throw new ArgumentException($"Row {(k / dimension) + 1}, column {(k % dimension) + 1} is {rows[k]}; embeddings must be finite.");
            }
        }
    }
}
