namespace ClipGeometry.Geometry.Similarity;

/// <summary>
/// The participation ratio of the covariance spectrum, (Σ λ_i)² / Σ λ_i², a continuous count of the directions
/// the embeddings use: d for isotropic data, 1 for data on a line. Computed without an eigendecomposition, as
/// tr(C)² / ‖C‖_F², through the smaller of the two Gram matrices of the centred data.
/// </summary>
public static class EffectiveDimensionality
{
    /// <summary>The participation ratio of the n × d embedding rows (n ≥ 2).</summary>
    public static double ParticipationRatio(ReadOnlySpan<double> rows, int count, int dimension)
    {
        CosineSimilarity.Check(rows, count, dimension);
        if (count < 2)
        {
            throw new ArgumentException("The participation ratio needs at least two embeddings.");
        }

        var centred = rows.ToArray();
        var mean = new double[dimension];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < dimension; j++)
            {
                mean[j] += centred[(i * dimension) + j] / count;
            }
        }

        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < dimension; j++)
            {
                centred[(i * dimension) + j] -= mean[j];
            }
        }

        // Σλ ∝ ‖X‖_F² and Σλ² ∝ ‖XᵀX‖_F² = ‖XXᵀ‖_F²; the 1/(n − 1) factors cancel.
        double trace = 0;
        foreach (double x in centred)
        {
            trace += x * x;
        }

        if (trace == 0)
        {
            throw new ArgumentException("The embeddings are all equal; the covariance is zero.");
        }

        double frobenius = 0;
        if (count <= dimension)
        {
            for (int i = 0; i < count; i++)
            {
                var xi = centred.AsSpan(i * dimension, dimension);
                for (int k = i; k < count; k++)
                {
                    double g = System.Numerics.Tensors.TensorPrimitives.Dot<double>(xi, centred.AsSpan(k * dimension, dimension));
                    frobenius += (k == i ? 1 : 2) * g * g;
                }
            }
        }
        else
        {
            var gram = new double[dimension * dimension];
            for (int i = 0; i < count; i++)
            {
                var xi = centred.AsSpan(i * dimension, dimension);
                for (int a = 0; a < dimension; a++)
                {
                    double xa = xi[a];
                    var row = gram.AsSpan(a * dimension, dimension);
                    for (int b = a; b < dimension; b++)
                    {
                        row[b] += xa * xi[b];
                    }
                }
            }

            for (int a = 0; a < dimension; a++)
            {
                for (int b = a; b < dimension; b++)
                {
                    double g = gram[(a * dimension) + b];
                    frobenius += (a == b ? 1 : 2) * g * g;
                }
            }
        }

        return trace * trace / frobenius;
    }
}
