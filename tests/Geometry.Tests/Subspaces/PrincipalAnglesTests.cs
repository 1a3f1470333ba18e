using System.Text.Json;
using ClipGeometry.Geometry.Subspaces;

namespace ClipGeometry.Geometry.Tests.Subspaces;

public sealed class PrincipalAnglesTests
{
    private static readonly Lazy<JsonDocument> Golden = new(() => JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Golden", "metrics", "principal_angles.json"))));

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in Golden.Value.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    private static (double[] Values, int Rows, int Columns) Read(JsonElement matrix)
    {
        int rows = matrix.GetArrayLength();
        int columns = matrix[0].GetArrayLength();
        var values = new double[rows * columns];
        int k = 0;
        foreach (var row in matrix.EnumerateArray())
        {
            foreach (var v in row.EnumerateArray())
            {
                values[k++] = v.GetDouble();
            }
        }

        return (values, rows, columns);
    }

    private const double AbsoluteTolerance = 1e-14;

    [Theory]
    [MemberData(nameof(Names))]
    public void Matches_scipy_and_the_analytic_angles(string name)
    {
        var c = Golden.Value.RootElement.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        var a = Read(c.GetProperty("a"));
        var b = Read(c.GetProperty("b"));
        var expected = c.GetProperty("angles").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var actual = PrincipalAngles.Between(a.Values, a.Rows, a.Columns, b.Values, b.Columns);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            // What is achieved (about 1e-14 absolute): an angle of 1e-12 computed as 0 (SciPy's answer) fails.
            double tolerance = AbsoluteTolerance;
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{name} angle {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }

        for (int i = 1; i < actual.Length; i++)
        {
            Assert.True(actual[i - 1] >= actual[i], "angles must be in descending order");
        }
    }

    [Fact]
    public void Tiny_angle_next_to_eighty_degrees_built_here()
    {
        // e1, e2 against (e1 cos t + e3 sin t), (e2 cos 80° + e4 sin 80°) in R^5.
        double tiny = 1e-10;
        double wide = 80 * Math.PI / 180;
        double[] a = [1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        double[] b = [Math.Cos(tiny), 0, 0, Math.Cos(wide), Math.Sin(tiny), 0, 0, Math.Sin(wide), 0, 0];
        var angles = PrincipalAngles.Between(a, 5, 2, b, 2);
        Assert.Equal(wide, angles[0], 12);
        Assert.True(Math.Abs(angles[1] - tiny) <= AbsoluteTolerance, $"{angles[1]:R}");
    }

    [Fact]
    public void Summary_has_grassmann_distance()
    {
        var summary = PrincipalAngles.Summarize([0.3, 0.4]);
        Assert.Equal(0.5, summary.GrassmannDistance, 14);
        Assert.Equal(0.35, summary.Mean, 14);
        Assert.Equal(0.4, summary.Largest);
        Assert.Equal(0.3, summary.Smallest);
        Assert.Equal(90, PrincipalAngles.ToDegrees(Math.PI / 2), 12);
    }

    [Fact]
    public void Mismatched_dimensions_and_non_finite_values_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PrincipalAngles.Between([1, 2, 3], 3, 1, [1, 2], 1));
        var e = Assert.Throws<ArgumentException>(() => PrincipalAngles.Between([1, double.NaN], 2, 1, [1, 2], 1));
        Assert.Contains("Row 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Category_subspace_recovers_a_planted_plane()
    {
        // Embeddings in the span of e1, e2 (plus nothing else): k = 2 uncentred, and by variance 0.999.
        var random = new Random(3);
        int n = 40;
        int d = 6;
        var rows = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            rows[i * d] = random.NextDouble() + 1;
            rows[(i * d) + 1] = random.NextDouble() - 0.5;
        }

        var subspace = CategorySubspace.FromEmbeddings(rows, n, d, 2);
        Assert.Equal(2, subspace.Rank);
        Assert.Equal(1, subspace.ExplainedVariance, 12);
        var plane = CategorySubspace.FromEmbeddingsByVariance(rows, n, d, 0.999);
        Assert.Equal(2, plane.Rank);
        double[] e12 = [1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0];
        var angles = PrincipalAngles.Between(subspace.Basis.ToArray(), d, 2, e12, 2);
        Assert.All(angles, a => Assert.True(a < 1e-12, $"{a}"));

        // Wide case (n < d) gives the same subspace.
        var few = CategorySubspace.FromEmbeddings(rows[..(3 * d)], 3, d, 2);
        Assert.All(PrincipalAngles.Between(few, subspace), a => Assert.True(a < 1e-10, $"{a}"));
    }

    [Fact]
    public void Centring_matches_principal_components()
    {
        // Points on the line (1, 1, 0)·t + (5, 0, 0): centred, the first direction is (1, 1, 0)/√2.
        int n = 10;
        var rows = new double[n * 3];
        for (int i = 0; i < n; i++)
        {
            rows[i * 3] = 5 + i;
            rows[(i * 3) + 1] = i;
        }

        var centred = CategorySubspace.FromEmbeddings(rows, n, 3, 1, centre: true);
        var basis = centred.Basis.ToArray();
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(basis[0]), 12);
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(basis[1]), 12);
        Assert.Equal(1, centred.ExplainedVariance, 12);
    }
}
