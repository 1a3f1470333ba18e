using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// The leading principal components of a cloud: the covariance of the centred columns (vectorised dot products,
/// in parallel over columns) and its symmetric eigendecomposition. Each component's sign makes its largest score
/// (in absolute value) positive, so the result is fixed by the data alone.
/// </summary>
internal static class PrincipalComponents
{
    /// <summary>The scores of the rows on the first <paramref name="components"/> principal axes, rows × components.</summary>
    public static double[] Scores(float[] data, int rows, int columns, int components)
    {
        var means = new double[columns];
        for (int i = 0; i < rows; i++)
        {
            for (int c = 0; c < columns; c++)
            {
                means[c] += data[(i * columns) + c];
            }
        }

        var centred = new float[(long)rows * columns]; // column-major
        for (int c = 0; c < columns; c++)
        {
            float mean = (float)(means[c] / rows);
            for (int i = 0; i < rows; i++)
            {
                centred[((long)c * rows) + i] = data[(i * columns) + c] - mean;
            }
        }

        if (rows < columns)
        {
            return GramScores(centred, rows, columns, components);
        }

        var covariance = Matrix<double>.Build.Dense(columns, columns);
        Parallel.For(0, columns, a =>
        {
            var columnA = centred.AsSpan(a * rows, rows);
            for (int b = 0; b <= a; b++)
            {
                double value = TensorPrimitives.Dot<float>(columnA, centred.AsSpan(b * rows, rows));
                covariance[a, b] = value;
                covariance[b, a] = value;
            }
        });

        var evd = covariance.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var order = Enumerable.Range(0, columns).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var scores = new double[rows * components];
        for (int p = 0; p < components; p++)
        {
            var axis = evd.EigenVectors.Column(order[Math.Min(p, columns - 1)]);
            double largest = 0;
            for (int i = 0; i < rows; i++)
            {
                double s = 0;
                for (int c = 0; c < columns; c++)
                {
                    s += centred[((long)c * rows) + i] * axis[c];
                }

                scores[(i * components) + p] = p < columns ? s : 0;
                if (Math.Abs(s) > Math.Abs(largest))
                {
                    largest = s;
                }
            }

            if (largest < 0)
            {
                for (int i = 0; i < rows; i++)
                {
                    scores[(i * components) + p] = -scores[(i * components) + p];
                }
            }
        }

        return scores;
    }

    /// <summary>For fewer rows than columns: scores from the rows' Gram matrix, u_p·√λ_p.</summary>
    private static double[] GramScores(float[] centred, int rows, int columns, int components)
    {
        var gram = Matrix<double>.Build.Dense(rows, rows);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double value = 0;
                for (int c = 0; c < columns; c++)
                {
                    value += (double)centred[((long)c * rows) + i] * centred[((long)c * rows) + j];
                }

                gram[i, j] = value;
                gram[j, i] = value;
            }
        }

        var evd = gram.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var order = Enumerable.Range(0, rows).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var scores = new double[rows * components];
        for (int p = 0; p < components && p < rows; p++)
        {
            double root = Math.Sqrt(Math.Max(0, evd.EigenValues[order[p]].Real));
            double largest = 0;
            for (int i = 0; i < rows; i++)
            {
                double s = evd.EigenVectors[i, order[p]] * root;
                scores[(i * components) + p] = s;
                largest = Math.Abs(s) > Math.Abs(largest) ? s : largest;
            }

            if (largest < 0)
            {
                for (int i = 0; i < rows; i++)
                {
                    scores[(i * components) + p] = -scores[(i * components) + p];
                }
            }
        }

        return scores;
    }
}
