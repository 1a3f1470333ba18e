using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace ClipGeometry.Geometry.Subspaces;

/// <summary>
/// The subspace a category of embeddings occupies: the span of the top-k right singular vectors of its n × d
/// matrix of embedding rows (uncentred by default, as the seed study did; centred, i.e. PCA, as an option), with
/// k fixed or the least k whose singular values explain a given fraction of the (uncentred or centred) variance.
/// </summary>
public sealed class CategorySubspace
{
    private readonly double[] _basis;

    private CategorySubspace(double[] basis, int ambientDimension, int rank, double[] singularValues, bool centred)
    {
        _basis = basis;
        AmbientDimension = ambientDimension;
        Rank = rank;
        SingularValues = singularValues;
        Centred = centred;
    }

    /// <summary>d, the dimension of the embedding space.</summary>
    public int AmbientDimension { get; }

    /// <summary>k, the dimension of the subspace.</summary>
    public int Rank { get; }

    /// <summary>All singular values of the (centred) embedding matrix, descending.</summary>
    public IReadOnlyList<double> SingularValues { get; }

    /// <summary>Whether the rows were centred first.</summary>
    public bool Centred { get; }

    /// <summary>The fraction of Σ σ² captured by the first <see cref="Rank"/> singular values.</summary>
    public double ExplainedVariance
    {
        get
        {
            double total = 0;
            double kept = 0;
            for (int i = 0; i < SingularValues.Count; i++)
            {
                double s2 = SingularValues[i] * SingularValues[i];
                total += s2;
                kept += i < Rank ? s2 : 0;
            }

            return total == 0 ? 0 : kept / total;
        }
    }

    /// <summary>The orthonormal basis, row-major d × k (column c is the c-th right singular vector).</summary>
    public ReadOnlySpan<double> Basis => _basis;

    /// <summary>The subspace of the top <paramref name="rank"/> right singular vectors.</summary>
    public static CategorySubspace FromEmbeddings(double[] rows, int count, int dimension, int rank, bool centre = false)
    {
        var (basis, singular) = Decompose(rows, count, dimension, centre);
        if (rank < 1 || rank > singular.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"k must lie between 1 and min(n, d) = {singular.Length} for {count} embeddings in R^{dimension}.");
        }

        return Build(basis, singular, dimension, rank, centre);
    }

    /// <summary>The subspace of the fewest top singular vectors that explain at least <paramref name="fraction"/> of Σ σ².</summary>
    public static CategorySubspace FromEmbeddingsByVariance(double[] rows, int count, int dimension, double fraction, bool centre = false)
    {
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The explained-variance fraction must lie in (0, 1].");
        }

        var (basis, singular) = Decompose(rows, count, dimension, centre);
        double total = 0;
        foreach (double s in singular)
        {
            total += s * s;
        }

        if (total == 0)
        {
            throw new ArgumentException("The embeddings have no variance (all rows are equal to the mean, or zero).", nameof(rows));
        }

        int rank = 0;
        double kept = 0;
        while (rank < singular.Length && kept < fraction * total * (1 - 1e-12))
        {
            kept += singular[rank] * singular[rank];
            rank++;
        }

        return Build(basis, singular, dimension, Math.Max(rank, 1), centre);
    }

    internal Matrix<double> BasisMatrix() => Matrix<double>.Build.Dense(AmbientDimension, Rank, (i, j) => _basis[(i * Rank) + j]);

    private static CategorySubspace Build(Matrix<double> vectors, double[] singular, int dimension, int rank, bool centred)
    {
        var basis = new double[dimension * rank];
        for (int i = 0; i < dimension; i++)
        {
            for (int j = 0; j < rank; j++)
            {
                basis[(i * rank) + j] = vectors[i, j];
            }
        }

        return new CategorySubspace(basis, dimension, rank, singular, centred);
    }

    /// <summary>Right singular vectors (d × min(n, d), as columns) and singular values of the n × d matrix.</summary>
    private static (Matrix<double> Vectors, double[] Singular) Decompose(double[] rows, int count, int dimension, bool centre)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rows.Length != (long)count * dimension)
        {
            throw new ArgumentException($"{count} embeddings in R^{dimension} need {(long)count * dimension} values, not {rows.Length}.", nameof(rows));
        }

        for (int i = 0; i < rows.Length; i++)
        {
            if (!double.IsFinite(rows[i]))
            {
                throw new ArgumentException($"Embedding {(i / dimension) + 1} has a non-finite value {rows[i]} at position {(i % dimension) + 1}.", nameof(rows));
            }
        }

        var mean = new double[dimension];
        if (centre)
        {
            for (int i = 0; i < count; i++)
            {
                for (int j = 0; j < dimension; j++)
                {
                    mean[j] += rows[(i * dimension) + j];
                }
            }

            for (int j = 0; j < dimension; j++)
            {
                mean[j] /= count;
            }
        }

        var centred = new double[rows.Length];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < dimension; j++)
            {
                centred[(i * dimension) + j] = rows[(i * dimension) + j] - mean[j];
            }
        }

        // The smaller Gram matrix and its symmetric eigendecomposition: XᵀX = V S² Vᵀ directly when d ≤ n, else
        // XXᵀ = U S² Uᵀ and V = Xᵀ U S⁻¹. A managed thin QR + SVD of the same 1000 × 512 matrix takes about 4× as long
        // (bench/angles); the Gram route squares the condition number, which only matters for directions whose
        // singular values are below √ε·σ_max, far past any k one would keep.
        bool tall = count >= dimension;
        int size = tall ? dimension : count;
        var gram = tall ? Gram.OfColumns(centred, count, dimension) : Gram.OfRows(centred, count, dimension);
        var evd = Matrix<double>.Build.Dense(size, size, gram).Evd(Symmetricity.Symmetric);
        var order = new int[size];
        var eigen = new double[size];
        for (int i = 0; i < size; i++)
        {
            order[i] = i;
            eigen[i] = -evd.EigenValues[i].Real;
        }

        Array.Sort(eigen, order);
        int available = Math.Min(count, dimension);
        var singular = new double[available];
        var eigenvectors = evd.EigenVectors.ToColumnMajorArray();
        var columns = new double[dimension * available]; // column-major d × available
        for (int c = 0; c < available; c++)
        {
            double s = Math.Sqrt(Math.Max(-eigen[c], 0));
            singular[c] = s;
            var source = eigenvectors.AsSpan(order[c] * size, size);
            var column = columns.AsSpan(c * dimension, dimension);
            if (tall)
            {
                source.CopyTo(column);
            }
            else if (s > 0)
            {
                // v_c = Xᵀ u_c / s_c, accumulated row by row.
                for (int i = 0; i < count; i++)
                {
                    TensorPrimitives.MultiplyAdd(centred.AsSpan(i * dimension, dimension), source[i] / s, column, column);
                }
            }
        }

        var vectors = Matrix<double>.Build.Dense(dimension, available, columns);
        return (vectors, singular);
    }
}
