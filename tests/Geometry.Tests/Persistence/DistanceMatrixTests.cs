using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Tests.Persistence;

public sealed class DistanceMatrixTests
{
    [Theory]
    [InlineData(-1.0, "negative")]
    [InlineData(double.NaN, "finite")]
    [InlineData(double.PositiveInfinity, "finite")]
    public void Bad_entries_are_named_by_row_and_column(double bad, string why)
    {
        double[] full = [0, 1, 2, 1, 0, bad, 2, bad, 0];
        var e = Assert.Throws<DistanceMatrixException>(() => DistanceMatrix.FromFull(full, 3));
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.Equal(2, Math.Max(e.Row, e.Column));
    }

    [Fact]
    public void Asymmetry_is_refused()
    {
        var e = Assert.Throws<DistanceMatrixException>(() => DistanceMatrix.FromFull([0, 1, 2, 0], 2));
        Assert.Contains("not symmetric", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Row);
    }

    [Fact]
    public void A_non_zero_diagonal_is_refused()
    {
        var e = Assert.Throws<DistanceMatrixException>(() => DistanceMatrix.FromFull([0, 1, 1, 0.5], 2));
        Assert.Contains("diagonal", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Triangular_rows_with_and_without_diagonal_agree()
    {
        var lower = DistanceMatrix.FromLowerRows([[], [1], [2, 3]], withDiagonal: false);
        var lowerDiagonal = DistanceMatrix.FromLowerRows([[0], [1, 0], [2, 3, 0]], withDiagonal: true);
        var upper = DistanceMatrix.FromUpperRows([[1, 2], [3]], withDiagonal: false);
        var upperDiagonal = DistanceMatrix.FromUpperRows([[0, 1, 2], [0, 3], [0]], withDiagonal: true);
        foreach (var m in new[] { lowerDiagonal, upper, upperDiagonal })
        {
            Assert.Equal(lower.LowerTriangle.ToArray(), m.LowerTriangle.ToArray());
        }

        Assert.Equal(3f, lower[1, 2]);
        Assert.Throws<DistanceMatrixException>(() => DistanceMatrix.FromLowerRows([[], [1], [2]], withDiagonal: false));
    }

    [Fact]
    public void Enclosing_radius_is_the_smallest_row_maximum()
    {
        var m = DistanceMatrix.FromLowerRows([[], [1], [2, 3]], withDiagonal: false);
        Assert.Equal(2f, m.EnclosingRadius());
        Assert.Equal((1f, 3f), m.ValueRange());
    }

    [Fact]
    public void Sparse_triples_are_validated()
    {
        Assert.Throws<DistanceMatrixException>(() => SparseDistanceMatrix.FromTriples([(0, 1, -1.0)], 2));
        Assert.Throws<DistanceMatrixException>(() => SparseDistanceMatrix.FromTriples([(0, 5, 1.0)], 2));
        var e = Assert.Throws<DistanceMatrixException>(() => SparseDistanceMatrix.FromTriples([(0, 1, 1.0), (1, 0, 2.0)], 2));
        Assert.Equal(1, e.Row);
        var ok = SparseDistanceMatrix.FromTriples([(0, 1, 1.0), (1, 0, 1.0), (2, 1, 0.5)], 3);
        Assert.Equal(2, ok.EdgeCount);
        Assert.Equal(0.5f, ok[1, 2]);
        Assert.Equal(float.PositiveInfinity, ok[0, 2]);
    }

    [Fact]
    public void Euclidean_distances_are_computed_as_ripser_does()
    {
        var rng = new Random(4);
        var coordinates = new double[37 * 19];
        for (int i = 0; i < coordinates.Length; i++)
        {
            coordinates[i] = rng.NextDouble();
        }

        var cloud = new PointCloud(coordinates, 37, 19);
        var m = DistanceMatrix.FromPointCloud(cloud, DistanceMetric.Euclidean);
        for (int i = 0; i < 37; i++)
        {
            for (int j = 0; j < i; j++)
            {
                float sum = 0;
                for (int k = 0; k < 19; k++)
                {
                    float d = (float)coordinates[(i * 19) + k] - (float)coordinates[(j * 19) + k];
                    sum += d * d;
                }

                Assert.Equal(MathF.Sqrt(sum), m[i, j]);
            }
        }
    }
}
