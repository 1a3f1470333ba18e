using System.Numerics.Tensors;

namespace ClipGeometry.Geometry.Subspaces;

/// <summary>Gram matrices of a row-major n × d matrix X, by vectorised symmetric rank-one updates.</summary>
internal static class Gram
{
    /// <summary>XᵀX (d × d), column-major = row-major since it is symmetric.</summary>
    public static double[] OfColumns(double[] x, int count, int dimension)
    {
        var gram = new double[dimension * dimension];
        for (int i = 0; i < count; i++)
        {
            var row = x.AsSpan(i * dimension, dimension);
            for (int a = 0; a < dimension; a++)
            {
                double xa = row[a];
                if (xa != 0)
                {
                    var target = gram.AsSpan((a * dimension) + a, dimension - a);
                    TensorPrimitives.MultiplyAdd(row[a..], xa, target, target);
                }
            }
        }

        Symmetrize(gram, dimension);
        return gram;
    }

    /// <summary>XXᵀ (n × n).</summary>
    public static double[] OfRows(double[] x, int count, int dimension)
    {
        var gram = new double[count * count];
        for (int i = 0; i < count; i++)
        {
            var xi = x.AsSpan(i * dimension, dimension);
            for (int k = i; k < count; k++)
            {
                gram[(i * count) + k] = TensorPrimitives.Dot<double>(xi, x.AsSpan(k * dimension, dimension));
            }
        }

        Symmetrize(gram, count);
        return gram;
    }

    private static void Symmetrize(double[] upper, int size)
    {
        for (int a = 0; a < size; a++)
        {
            for (int b = a + 1; b < size; b++)
            {
                upper[(b * size) + a] = upper[(a * size) + b];
            }
        }
    }
}
