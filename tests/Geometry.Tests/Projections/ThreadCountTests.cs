using ClipGeometry.Geometry.Projections;

namespace ClipGeometry.Geometry.Tests.Projections;

/// <summary>The layouts do not depend on the number of threads: each fit on all cores equals the same fit on one thread.</summary>
public class ThreadCountTests
{
    private static T OnOneThread<T>(Func<T> work)
    {
        // Parallel.For schedules on TaskScheduler.Current: an exclusive scheduler runs one task at a time.
        var scheduler = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        return Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, scheduler).GetAwaiter().GetResult();
    }

    [Fact]
    public void Umap_is_the_same_on_one_thread()
    {
        var points = ProjectionGolden.Clusters.AsSpan(0, 600 * 512).ToArray();
        var options = new UmapOptions { Epochs = 60 };
        Assert.Equal(Umap.Fit(points, 600, 512, options).Embedding, OnOneThread(() => Umap.Fit(points, 600, 512, options).Embedding));
    }

    [Fact]
    public void Tsne_is_the_same_on_one_thread()
    {
        var points = ProjectionGolden.Digits.AsSpan(0, 600 * 64).ToArray();
        var options = new TsneOptions { Iterations = 300 };
        Assert.Equal(Tsne.Fit(points, 600, 64, options), OnOneThread(() => Tsne.Fit(points, 600, 64, options)));
    }

    [Fact]
    public void Nn_descent_is_the_same_on_one_thread()
    {
        var a = NearestNeighbors.Descent(ProjectionGolden.Digits, 1797, 64, 15, ProjectionMetric.Euclidean, seed: 4);
        var b = OnOneThread(() => NearestNeighbors.Descent(ProjectionGolden.Digits, 1797, 64, 15, ProjectionMetric.Euclidean, seed: 4));
        Assert.Equal(a.Indices, b.Indices);
        Assert.Equal(a.Distances, b.Distances);
    }
}
