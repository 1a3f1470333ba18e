using ClipGeometry.Geometry.Subspaces;

namespace ClipGeometry.Sweep;

/// <summary>
/// Principal angles between the subspaces of two categories' embeddings: the span of all of a category's rows (the
/// seed study) or of its top-k principal directions (uncentred). A category's orthonormal basis is computed once
/// (<see cref="Basis"/>) and its first k columns give the top-k subspace, so bootstrap replicates and pairs share it.
/// </summary>
public static class CategoryAngles
{
    /// <summary>The right singular vectors of [count × dimension] <paramref name="rows"/>, row-major d × r with r = min(count, dimension), strongest first.</summary>
    public static (double[] Basis, int Rank) Basis(double[] rows, int count, int dimension)
    {
        var subspace = CategorySubspace.FromEmbeddings(rows, count, dimension, Math.Min(count, dimension));
        return (subspace.Basis.ToArray(), subspace.Rank);
    }

    /// <summary>The summary of the angles between the first <paramref name="k"/> (all when null) columns of two bases of <see cref="Basis"/>.</summary>
    public static PrincipalAngleSummary Between((double[] Basis, int Rank) first, (double[] Basis, int Rank) second, int dimension, int? k)
    {
        int ka = Math.Min(k ?? first.Rank, first.Rank);
        int kb = Math.Min(k ?? second.Rank, second.Rank);
        return PrincipalAngles.Summarize(PrincipalAngles.Between(Columns(first, dimension, ka), dimension, ka, Columns(second, dimension, kb), kb));
    }

    private static double[] Columns((double[] Basis, int Rank) basis, int dimension, int k)
    {
        if (k == basis.Rank)
        {
            return basis.Basis;
        }

        var result = new double[dimension * k];
        for (int i = 0; i < dimension; i++)
        {
            Array.Copy(basis.Basis, i * basis.Rank, result, i * k, k);
        }

        return result;
    }
}
