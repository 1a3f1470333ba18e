using MathNet.Numerics.LinearAlgebra;

namespace ClipGeometry.Geometry.Subspaces;

/// <summary>
/// Orthonormal bases of column spaces, with SciPy's <c>orth</c> rank rule (singular values above
/// max(rows, cols)·ε·σ_max), computed as a thin Householder QR followed by an SVD of the small triangular factor:
/// the same basis as an SVD of the tall matrix, without forming its d × d left factor.
/// </summary>
internal static class Orthonormalization
{
    /// <summary>A matrix whose orthonormal columns span the columns of <paramref name="a"/> (d × r, r = numerical rank).</summary>
    public static Matrix<double> Basis(Matrix<double> a)
    {
        int rows = a.RowCount;
        int columns = a.ColumnCount;
        if (rows < columns)
        {
            // More columns than dimensions: the SVD of the wide matrix directly.
            var wide = a.Svd(computeVectors: true);
            int rank = Rank(wide.S, rows, columns);
            return wide.U.SubMatrix(0, rows, 0, rank);
        }

        var qr = a.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var svd = qr.R.Svd(computeVectors: true);
        int r = Rank(svd.S, rows, columns);
        return qr.Q * svd.U.SubMatrix(0, columns, 0, r);
    }

    private static int Rank(Vector<double> singularValues, int rows, int columns)
    {
        if (singularValues.Count == 0)
        {
            return 0;
        }

        double tolerance = singularValues[0] * Math.Max(rows, columns) * MachineEpsilon;
        int rank = 0;
        for (int i = 0; i < singularValues.Count; i++)
        {
            if (singularValues[i] > tolerance)
            {
                rank++;
            }
        }

        return rank;
    }

    /// <summary>The spacing of doubles at 1 (numpy's finfo(float64).eps).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;
}
