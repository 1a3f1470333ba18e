using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Tests.Persistence;

public sealed class VietorisRipsPersistenceTests
{
    private static PointCloud Square() => new([0, 0, 1, 0, 1, 1, 0, 1], 4, 2);

    private static PointCloud Circle(int n)
    {
        var coordinates = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            coordinates[2 * i] = Math.Cos(2 * Math.PI * i / n);
            coordinates[(2 * i) + 1] = Math.Sin(2 * Math.PI * i / n);
        }

        return new PointCloud(coordinates, n, 2);
    }

    [Fact]
    public void A_square_has_one_loop_and_one_component()
    {
        var result = VietorisRipsPersistence.Compute(Square(), DistanceMetric.Euclidean);
        Assert.Equal([new(0, 1), new(0, 1), new(0, 1), new(0, double.PositiveInfinity)], result.Diagrams[0].Intervals);
        var loop = Assert.Single(result.Diagrams[1].Intervals);
        Assert.Equal(1.0, loop.Birth);
        Assert.Equal((double)MathF.Sqrt(2), loop.Death, 6);
        Assert.Equal(4, result.PointCount);
        Assert.Null(result.CoverRadius);
    }

    [Fact]
    public void One_point_is_one_essential_class()
    {
        var result = VietorisRipsPersistence.Compute(new PointCloud([3, 4], 1, 2), DistanceMetric.Euclidean, new PersistenceOptions { MaxDimension = 2 });
        Assert.Equal([new PersistenceInterval(0, double.PositiveInfinity)], result.Diagrams[0].Intervals);
        Assert.Empty(result.Diagrams[1].Intervals);
        Assert.Empty(result.Diagrams[2].Intervals);
    }

    [Fact]
    public void Duplicate_points_add_no_intervals()
    {
        var doubled = new PointCloud([0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1], 6, 2);
        var result = VietorisRipsPersistence.Compute(doubled, DistanceMetric.Euclidean);
        Assert.Equal(4, result.Diagrams[0].Intervals.Count); // zero-length bars of the duplicates are omitted
        Assert.Single(result.Diagrams[1].Intervals);
    }

    [Fact]
    public void Dimension_zero_only_skips_higher_dimensions()
    {
        var result = VietorisRipsPersistence.Compute(Circle(12), DistanceMetric.Euclidean, new PersistenceOptions { MaxDimension = 0 });
        Assert.Single(result.Diagrams);
        Assert.Equal(12, result.Diagrams[0].Intervals.Count);
    }

    [Fact]
    public void A_threshold_beyond_the_enclosing_radius_changes_nothing()
    {
        var cloud = Circle(20);
        var byDefault = VietorisRipsPersistence.Compute(cloud, DistanceMetric.Euclidean);
        var wide = VietorisRipsPersistence.Compute(cloud, DistanceMetric.Euclidean, new PersistenceOptions { Threshold = 10 });
        Assert.Equal(byDefault.Diagrams[0].Intervals, wide.Diagrams[0].Intervals);
        Assert.Equal(byDefault.Diagrams[1].Intervals, wide.Diagrams[1].Intervals);
        Assert.Equal(byDefault.EnclosingRadius, byDefault.Threshold);
    }

    [Fact]
    public void A_low_threshold_makes_the_loop_essential()
    {
        var result = VietorisRipsPersistence.Compute(Circle(20), DistanceMetric.Euclidean, new PersistenceOptions { Threshold = 0.5 });
        var loop = Assert.Single(result.Diagrams[1].Intervals);
        Assert.True(loop.IsEssential);
    }

    [Fact]
    public void Dense_and_sparse_inputs_agree()
    {
        var dense = DistanceMatrix.FromPointCloud(Circle(16), DistanceMetric.Euclidean);
        var triples = new List<(int, int, double)>();
        for (int i = 0; i < dense.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                triples.Add((i, j, dense[i, j]));
            }
        }

        var sparse = SparseDistanceMatrix.FromTriples(triples, dense.Count);
        var a = VietorisRipsPersistence.Compute(dense, new PersistenceOptions { MaxDimension = 2 });
        var b = VietorisRipsPersistence.Compute(sparse, new PersistenceOptions { MaxDimension = 2 });
        for (int d = 0; d <= 2; d++)
        {
            Assert.Equal(a.Diagrams[d].Intervals.OrderBy(p => p.Birth).ThenBy(p => p.Death), b.Diagrams[d].Intervals.OrderBy(p => p.Birth).ThenBy(p => p.Death));
        }
    }

    [Fact]
    public void Cancellation_stops_the_computation()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            VietorisRipsPersistence.Compute(Circle(50), DistanceMetric.Euclidean, new PersistenceOptions { CancellationToken = source.Token }));
    }

    [Fact]
    public void Progress_is_reported()
    {
        var stages = new List<string>();
        var progress = new SynchronousProgress(p => stages.Add(p.Stage));
        VietorisRipsPersistence.Compute(Circle(30), DistanceMetric.Euclidean, new PersistenceOptions { Progress = progress });
        Assert.Contains("reduction", stages);
    }

    [Fact]
    public void A_run_over_the_memory_budget_is_refused_before_it_starts()
    {
        var e = Assert.Throws<MemoryBudgetException>(() =>
            VietorisRipsPersistence.Compute(Circle(200), DistanceMetric.Euclidean, new PersistenceOptions { MaxDimension = 3, MemoryBudgetBytes = 1 << 20 }));
        Assert.Contains("memory budget", e.Message, StringComparison.Ordinal);
        Assert.Contains("subsample with a greedy permutation", e.Message, StringComparison.Ordinal);
        Assert.True(e.EstimateBytes > e.BudgetBytes);
        Assert.Equal(1 << 20, e.BudgetBytes);

        // A library names no command-line option; the CLI adds its own.
        Assert.DoesNotContain("--", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simplex_indices_that_overflow_64_bits_are_refused()
    {
        // 100 000 vertices in dimension 3 need C(100 000, 5) ≈ 8e22 > 2^63 indices.
        var sparse = SparseDistanceMatrix.FromTriples([(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.5)], 100_000);
        var e = Assert.Throws<OverflowException>(() => VietorisRipsPersistence.Compute(sparse, new PersistenceOptions { MaxDimension = 3 }));
        Assert.Contains("overflow", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("C(", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => VietorisRipsPersistence.Compute(DistanceMatrix.FromLowerTriangle(Array.Empty<float>(), 0)));
        Assert.Throws<ArgumentException>(() => VietorisRipsPersistence.Compute(new PointCloud([], 0, 3), DistanceMetric.Euclidean));
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VietorisRipsPersistence.Compute(Square(), DistanceMetric.Euclidean, new PersistenceOptions { MaxDimension = 9 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietorisRipsPersistence.Compute(Square(), DistanceMetric.Euclidean, new PersistenceOptions { Threshold = -1 }));
    }

    [Fact]
    public void Subsampling_reports_the_cover_radius()
    {
        var result = VietorisRipsPersistence.Compute(Circle(100), DistanceMetric.Euclidean, subsample: 25);
        Assert.Equal(25, result.PointCount);
        Assert.NotNull(result.CoverRadius);
        Assert.InRange(result.CoverRadius!.Value, 0.0, 0.2);
        Assert.Single(result.Diagrams[1].Intervals);
    }

    [Fact]
    public void Cosine_and_angular_metrics_measure_angles()
    {
        var cloud = new PointCloud([1, 0, 0, 2, -3, 0], 3, 2);
        var cosine = DistanceMatrix.FromPointCloud(cloud, DistanceMetric.Cosine);
        var angular = DistanceMatrix.FromPointCloud(cloud, DistanceMetric.Angular);
        Assert.Equal(1f, cosine[0, 1], 6);
        Assert.Equal(2f, cosine[0, 2], 6);
        Assert.Equal((float)(Math.PI / 2), angular[0, 1], 6);
        Assert.Equal((float)Math.PI, angular[0, 2], 6);
        var zero = Assert.Throws<ZeroVectorException>(() => DistanceMatrix.FromPointCloud(new PointCloud([0, 0, 1, 1], 2, 2), DistanceMetric.Cosine));
        Assert.Equal(0, zero.PointIndex);
    }

    private sealed class SynchronousProgress(Action<PersistenceProgress> report) : IProgress<PersistenceProgress>
    {
        public void Report(PersistenceProgress value) => report(value);
    }
}
