using ClipGeometry.Geometry.Subspaces;

namespace ClipGeometry.Sweep;

/// <summary>Principal angles between the subspaces of two categories' embeddings, as <c>clipgeo angles --rows</c> computes them.</summary>
public static class CategoryAngles
{
    /// <summary>
    /// The summary of the principal angles between the span of <paramref name="first"/>'s rows and that of
    /// <paramref name="second"/>'s ([count × dimension] each); with <paramref name="k"/>, between their top-k principal
    /// directions (uncentred, as the seed study), k capped by each set's rank limit.
    /// </summary>
    public static PrincipalAngleSummary Between(double[] first, int firstCount, double[] second, int secondCount, int dimension, int? k)
    {
        var a = CategorySubspace.FromEmbeddings(first, firstCount, dimension, Math.Min(k ?? firstCount, Math.Min(firstCount, dimension)));
        var b = CategorySubspace.FromEmbeddings(second, secondCount, dimension, Math.Min(k ?? secondCount, Math.Min(secondCount, dimension)));
        return PrincipalAngles.Summarize(PrincipalAngles.Between(a, b));
    }
}
