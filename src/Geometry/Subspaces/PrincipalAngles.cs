using MathNet.Numerics.LinearAlgebra;

namespace ClipGeometry.Geometry.Subspaces;

/// <summary>
/// Principal angles between two subspaces of R^d, with SciPy's semantics (<c>scipy.linalg.subspace_angles</c>:
/// the subspaces are the column spaces, the angles are in radians, largest first, min(rank A, rank B) of them),
/// computed by the sine/cosine split of Björck and Golub (1973) as corrected by Knyazev and Argentati (2002):
/// with orthonormal bases Q_A, Q_B the cosines are the singular values of Q_Aᵀ Q_B and the sines those of
/// Q_B − Q_A Q_Aᵀ Q_B; an angle below π/4 is taken from its sine and the others from their cosines, each paired
/// by rank. Tiny angles therefore keep their relative accuracy next to large ones (SciPy 1.10 pairs the sines
/// and cosines in opposite orders and loses them).
/// </summary>
public static class PrincipalAngles
{
    /// <summary>The angles between the column spaces of two row-major matrices with the same number of rows.</summary>
    /// <param name="first">Row-major d × k₁ values.</param>
    /// <param name="rows">d, the ambient dimension.</param>
    /// <param name="firstColumns">k₁.</param>
    /// <param name="second">Row-major d × k₂ values.</param>
    /// <param name="secondColumns">k₂.</param>
    public static double[] Between(double[] first, int rows, int firstColumns, double[] second, int secondColumns)
    {
        var a = Matrix(first, rows, firstColumns, nameof(first));
        var b = Matrix(second, rows, secondColumns, nameof(second));
        return BetweenBases(Orthonormalization.Basis(a), Orthonormalization.Basis(b));
    }

    /// <summary>The angles between two category subspaces of the same ambient dimension.</summary>
    public static double[] Between(CategorySubspace first, CategorySubspace second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.AmbientDimension != second.AmbientDimension)
        {
            throw new ArgumentException($"The subspaces live in R^{first.AmbientDimension} and R^{second.AmbientDimension}; principal angles need the same ambient dimension.");
        }

        return BetweenBases(first.BasisMatrix(), second.BasisMatrix());
    }

    /// <summary>The angles between the spans of two matrices with orthonormal columns.</summary>
    internal static double[] BetweenBases(Matrix<double> qa, Matrix<double> qb)
    {
        int count = Math.Min(qa.ColumnCount, qb.ColumnCount);
        if (count == 0)
        {
            return [];
        }

        var cross = qa.TransposeThisAndMultiply(qb);
        var cosines = cross.Svd(computeVectors: false).S;
        var residual = qa.ColumnCount >= qb.ColumnCount
            ? qb - (qa * cross)
            : qa - (qb * cross.Transpose());
        var sines = residual.Svd(computeVectors: false).S;

        // cosines descending ↔ angles ascending; sines descending ↔ angles descending.
        var angles = new double[count];
        for (int k = 0; k < count; k++)
        {
            double cosine = Math.Min(cosines[k], 1);
            double sine = Math.Min(sines[count - 1 - k], 1);
            double angle = cosine * cosine >= 0.5 ? Math.Asin(sine) : Math.Acos(Math.Max(cosine, 0));
            angles[count - 1 - k] = angle;
        }

        // Rounding can break the order by an ulp where the two formulas meet.
        Array.Sort(angles);
        Array.Reverse(angles);
        return angles;
    }

    /// <summary>Largest, smallest and mean angle and the Grassmann geodesic distance √(Σ θ_i²).</summary>
    public static PrincipalAngleSummary Summarize(ReadOnlySpan<double> angles)
    {
        if (angles.Length == 0)
        {
            throw new ArgumentException("There are no angles to summarise (a subspace has dimension 0).");
        }

        double largest = double.NegativeInfinity;
        double smallest = double.PositiveInfinity;
        double sum = 0;
        double squares = 0;
        foreach (double angle in angles)
        {
            largest = Math.Max(largest, angle);
            smallest = Math.Min(smallest, angle);
            sum += angle;
            squares += angle * angle;
        }

        return new PrincipalAngleSummary(largest, smallest, sum / angles.Length, Math.Sqrt(squares), angles.Length);
    }

    /// <summary>Radians to degrees.</summary>
    public static double ToDegrees(double radians) => radians * (180 / Math.PI);

    private static Matrix<double> Matrix(double[] values, int rows, int columns, string name)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (values.Length != (long)rows * columns)
        {
            throw new ArgumentException($"A {rows} × {columns} matrix needs {(long)rows * columns} values, not {values.Length}.", name);
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Row {(i / columns) + 1}, column {(i % columns) + 1} is {values[i]}; principal angles need finite values.", name);
            }
        }

        return Matrix<double>.Build.Dense(rows, columns, (i, j) => values[(i * columns) + j]);
    }
}
