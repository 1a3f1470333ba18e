using ClipGeometry.Geometry.Projections;

namespace ClipGeometry.Geometry.Tests.Projections;

public class UmapTests
{
    [Fact]
    public void The_a_b_curve_matches_umap_learns_fit()
    {
        foreach (var c in ProjectionGolden.Root.GetProperty("ab").EnumerateArray())
        {
            var (a, b) = UmapCurve.Fit(c.GetProperty("min_dist").GetDouble(), c.GetProperty("spread").GetDouble());
            Assert.Equal(c.GetProperty("a").GetDouble(), a, 1e-3 * c.GetProperty("a").GetDouble());
            Assert.Equal(c.GetProperty("b").GetDouble(), b, 1e-3 * c.GetProperty("b").GetDouble());
        }
    }

    [Fact]
    public void Umap_trustworthiness_on_digits_is_within_0_01_of_umap_learn()
    {
        var golden = ProjectionGolden.Root.GetProperty("digits");
        var model = Umap.Fit(ProjectionGolden.Digits, 1797, 64, new UmapOptions { Metric = ProjectionMetric.Euclidean });
        double t = Trustworthiness.Compute(ProjectionGolden.Digits, 1797, 64, model.Embedding, 2, 15);
        double reference = golden.GetProperty("umap_t15").GetDouble();
        Assert.True(t >= reference - 0.01, $"T(15) = {t}, umap-learn {reference}");
    }

    [Fact]
    public void Umap_trustworthiness_on_clustered_unit_vectors_is_within_0_01_of_umap_learn()
    {
        var golden = ProjectionGolden.Root.GetProperty("clusters2000");
        var model = Umap.Fit(ProjectionGolden.Clusters, 2000, 512, new UmapOptions { Metric = ProjectionMetric.Cosine });
        double t = Trustworthiness.Compute(ProjectionGolden.Clusters, 2000, 512, model.Embedding, 2, 15, ProjectionMetric.Cosine);
        double reference = golden.GetProperty("umap_t15").GetDouble();
        Assert.True(t >= reference - 0.01, $"T(15) = {t}, umap-learn {reference}");
    }

    [Fact]
    public void A_seed_fixes_the_layout()
    {
        var points = ProjectionGolden.Digits.AsSpan(0, 500 * 64).ToArray();
        var options = new UmapOptions { Metric = ProjectionMetric.Euclidean, Epochs = 50, Seed = 7 };
        var a = Umap.Fit(points, 500, 64, options);
        var b = Umap.Fit(points, 500, 64, options);
        var c = Umap.Fit(points, 500, 64, options with { Seed = 8 });
        Assert.Equal(a.Embedding, b.Embedding);
        Assert.NotEqual(a.Embedding, c.Embedding);
    }

    [Fact]
    public void Transform_places_training_points_next_to_their_own_positions()
    {
        var points = ProjectionGolden.Digits.AsSpan(0, 1000 * 64).ToArray();
        var model = Umap.Fit(points, 1000, 64, new UmapOptions { Metric = ProjectionMetric.Euclidean });
        var again = model.Transform(points.AsSpan(0, 100 * 64).ToArray(), 100, 64);
        // Each re-placed point must land among its own training position's nearest layout neighbours.
        int near = 0;
        for (int i = 0; i < 100; i++)
        {
            double own = Square(again[2 * i] - model.Embedding[2 * i]) + Square(again[(2 * i) + 1] - model.Embedding[(2 * i) + 1]);
            int closer = 0;
            for (int j = 0; j < 1000; j++)
            {
                double d = Square(model.Embedding[2 * j] - model.Embedding[2 * i]) + Square(model.Embedding[(2 * j) + 1] - model.Embedding[(2 * i) + 1]);
                if (d < own)
                {
                    closer++;
                }
            }

            if (closer <= 15)
            {
                near++;
            }
        }

        Assert.True(near >= 90, $"{near} of 100 re-placed points are within their own position's 15 nearest");
    }

    [Fact]
    public void Transform_of_new_digits_keeps_them_trustworthy()
    {
        var train = ProjectionGolden.Digits.AsSpan(0, 1200 * 64).ToArray();
        var test = ProjectionGolden.Digits.AsSpan(1200 * 64, 597 * 64).ToArray();
        var model = Umap.Fit(train, 1200, 64, new UmapOptions { Metric = ProjectionMetric.Euclidean });
        var placed = model.Transform(test, 597, 64);
        var all = model.Embedding.Concat(placed).ToArray();
        double t = Trustworthiness.Compute(ProjectionGolden.Digits, 1797, 64, all, 2, 15);
        Assert.True(t >= 0.95, $"T(15) of fit + transform = {t}");
    }

    [Fact]
    public void A_disconnected_graph_is_laid_out_without_failing()
    {
        // Two far-apart clouds of 40 points with 5 neighbours: the graph has two components.
        var points = new float[80 * 3];
        var random = new Random(3);
        for (int i = 0; i < 80; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                points[(i * 3) + c] = (float)(random.NextDouble() + (i < 40 ? 0 : 1000));
            }
        }

        var model = Umap.Fit(points, 80, 3, new UmapOptions { Metric = ProjectionMetric.Euclidean, Neighbors = 5 });
        Assert.All(model.Embedding, v => Assert.True(double.IsFinite(v)));
        double t = Trustworthiness.Compute(points, 80, 3, model.Embedding, 2, 5);
        Assert.True(t > 0.8, $"T(5) = {t}");
    }

    private static double Square(double x) => x * x;
}
