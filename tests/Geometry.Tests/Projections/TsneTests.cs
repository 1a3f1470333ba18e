using ClipGeometry.Geometry.Projections;

namespace ClipGeometry.Geometry.Tests.Projections;

public class TsneTests
{
    [Fact]
    public void Tsne_trustworthiness_on_digits_is_within_0_01_of_scikit_learn()
    {
        var golden = ProjectionGolden.Root.GetProperty("digits");
        var layout = Tsne.Fit(ProjectionGolden.Digits, 1797, 64, new TsneOptions());
        double t = Trustworthiness.Compute(ProjectionGolden.Digits, 1797, 64, layout, 2, 15);
        double reference = golden.GetProperty("tsne_t15").GetDouble();
        Assert.True(t >= reference - 0.01, $"T(15) = {t}, scikit-learn {reference}");
    }

    [Fact]
    public void Tsne_trustworthiness_on_clustered_unit_vectors_is_within_0_01_of_scikit_learn()
    {
        var golden = ProjectionGolden.Root.GetProperty("clusters2000");
        var layout = Tsne.Fit(ProjectionGolden.Clusters, 2000, 512, new TsneOptions());
        double t = Trustworthiness.Compute(ProjectionGolden.Clusters, 2000, 512, layout, 2, 15, ProjectionMetric.Cosine);
        double reference = golden.GetProperty("tsne_t15").GetDouble();
        Assert.True(t >= reference - 0.01, $"T(15) = {t}, scikit-learn {reference}");
    }

    [Fact]
    public void The_layout_is_fixed_by_the_data_and_the_start()
    {
        var points = ProjectionGolden.Digits.AsSpan(0, 400 * 64).ToArray();
        var options = new TsneOptions { Iterations = 300 };
        Assert.Equal(Tsne.Fit(points, 400, 64, options), Tsne.Fit(points, 400, 64, options));
    }

    [Fact]
    public void A_given_start_is_used()
    {
        var points = ProjectionGolden.Digits.AsSpan(0, 300 * 64).ToArray();
        var start = Enumerable.Range(0, 600).Select(i => Math.Sin(i) * 1e-4).ToArray();
        var pca = Tsne.Fit(points, 300, 64, new TsneOptions { Iterations = 1 });
        var given = Tsne.Fit(points, 300, 64, new TsneOptions { Iterations = 1, Initial = start });
        Assert.NotEqual(pca, given);
        Assert.Throws<ArgumentException>(() => Tsne.Fit(points, 300, 64, new TsneOptions { Initial = new double[10] }));
    }

    [Fact]
    public void The_clustered_generator_reproduces_the_python_one()
    {
        var firstRow = ProjectionGolden.Root.GetProperty("clusters2000").GetProperty("first_row").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int k = 0; k < 512; k++)
        {
            Assert.Equal(firstRow[k], ProjectionGolden.Clusters[k], 1e-6);
        }
    }
}
