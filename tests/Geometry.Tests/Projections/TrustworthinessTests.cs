using System.Globalization;
using ClipGeometry.Geometry.Projections;

namespace ClipGeometry.Geometry.Tests.Projections;

public class TrustworthinessTests
{
    [Theory]
    [InlineData("euclidean", 1)]
    [InlineData("euclidean", 5)]
    [InlineData("euclidean", 15)]
    [InlineData("euclidean", 40)]
    [InlineData("cosine", 5)]
    [InlineData("cosine", 15)]
    public void Trustworthiness_of_a_fixed_embedding_equals_scikit_learns(string metric, int k)
    {
        var fixedCase = ProjectionGolden.Root.GetProperty("fixed");
        int rows = fixedCase.GetProperty("rows").GetInt32();
        var low = fixedCase.GetProperty("embedding").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble())).ToArray();
        double expected = fixedCase.GetProperty(metric).GetProperty(k.ToString(CultureInfo.InvariantCulture)).GetDouble();
        var high = ProjectionGolden.Clusters.AsSpan(0, rows * 512).ToArray();
        double actual = Trustworthiness.Compute(high, rows, 512, low, 2, k, metric == "cosine" ? ProjectionMetric.Cosine : ProjectionMetric.Euclidean);
        Assert.Equal(expected, actual, 1e-12);
    }

    [Fact]
    public void A_layout_that_is_the_data_itself_is_perfectly_trustworthy()
    {
        var high = ProjectionGolden.Digits.AsSpan(0, 200 * 64).ToArray();
        var low = high.Select(v => (double)v).ToArray();
        Assert.Equal(1.0, Trustworthiness.Compute(high, 200, 64, low, 64, 10), 12);
    }
}
