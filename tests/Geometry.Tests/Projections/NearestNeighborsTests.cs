using ClipGeometry.Geometry.Projections;

namespace ClipGeometry.Geometry.Tests.Projections;

public class NearestNeighborsTests
{
    [Theory]
    [InlineData(ProjectionMetric.Euclidean)]
    [InlineData(ProjectionMetric.Cosine)]
    public void Exact_search_agrees_with_brute_force_in_double_precision(ProjectionMetric metric)
    {
        var points = ProjectionGolden.Digits.AsSpan(0, 300 * 64).ToArray();
        for (int i = 0; i < points.Length; i++)
        {
            points[i] += 0.001f * (i % 7); // no zero rows, fewer exact ties
        }

        var graph = NearestNeighbors.Exact(points, 300, 64, 10, metric);
        for (int i = 0; i < 300; i++)
        {
            var reference = Enumerable.Range(0, 300).Where(j => j != i)
                .Select(j => (j, d: Distance(points, 64, i, j, metric))).OrderBy(t => t.d).ThenBy(t => t.j).Take(9).ToArray();
            Assert.Equal(i, graph.IndicesOf(i)[0]);
            Assert.Equal(0f, graph.DistancesOf(i)[0]);
            for (int s = 0; s < 9; s++)
            {
                Assert.Equal(reference[s].d, graph.DistancesOf(i)[s + 1], 3e-3 * Math.Max(1, reference[s].d));
                // A neighbour may swap with one at (almost) the same distance; it must be as near.
                double found = Distance(points, 64, i, graph.IndicesOf(i)[s + 1], metric);
                Assert.True(Math.Abs(found - reference[s].d) <= 1e-4 * Math.Max(1, reference[s].d), $"row {i} neighbour {s + 1}");
            }
        }
    }

    [Fact]
    public void Nn_descent_recall_at_15_is_at_least_0_95_on_digits()
    {
        AssertRecallAtLeast(0.95, ProjectionGolden.Digits, 1797, 64, ProjectionMetric.Euclidean, seed: 3);
    }

    [Fact]
    public void Nn_descent_recall_at_15_is_at_least_0_95_on_clustered_unit_vectors()
    {
        var points = ClusteredUnitVectors.Generate(4000, dimension: 64, clusters: 20, noise: 0.05, seed: 11);
        AssertRecallAtLeast(0.95, points, 4000, 64, ProjectionMetric.Cosine, seed: 5);
    }

    [Fact]
    public void Nn_descent_recall_at_15_is_at_least_0_95_on_20000_clustered_unit_vectors_in_r512()
    {
        // The benchmark's cloud: ten clusters whose noise is as long as the centre, so that within a cluster the
        // neighbours are decided by small differences in 512 dimensions (a random start reached 0.66 here).
        AssertRecallAtLeast(0.95, ClusteredUnitVectors.Generate(20000), 20000, 512, ProjectionMetric.Cosine, seed: 42);
    }

    [Fact]
    public void Nn_descent_recall_at_15_is_at_least_0_95_on_20000_clustered_unit_vectors_in_r64()
    {
        var points = ClusteredUnitVectors.Generate(20000, dimension: 64, clusters: 20, noise: 0.05, seed: 11);
        AssertRecallAtLeast(0.95, points, 20000, 64, ProjectionMetric.Cosine, seed: 42);
    }

    [Fact]
    public void Nn_descent_recall_at_15_is_at_least_0_95_on_2000_sampled_rows_of_50000_clustered_unit_vectors_in_r512()
    {
        // The size (NN-descent beyond ~50,000 points); the oracle is the exact search of 2,000 random rows
        // only (2,000 × 50,000 distances), and the point itself is not counted.
        const int rows = 50_000;
        var points = ClusteredUnitVectors.Generate(rows);
        var descent = NearestNeighbors.Descent(points, rows, 512, 15, ProjectionMetric.Cosine, seed: 42);
        var random = new Random(7);
        var queries = Enumerable.Range(0, rows).OrderBy(_ => random.Next()).Take(2000).ToArray();
        double recall = NearestNeighbors.SampledRecall(descent, points, 512, ProjectionMetric.Cosine, queries);
        Assert.True(recall >= 0.95, $"recall {recall}");
    }

    [Fact]
    public void Sampled_recall_over_every_row_is_the_recall_without_the_point_itself()
    {
        var exact = NearestNeighbors.Exact(ProjectionGolden.Digits, 1797, 64, 15, ProjectionMetric.Euclidean);
        var descent = NearestNeighbors.Descent(ProjectionGolden.Digits, 1797, 64, 15, ProjectionMetric.Euclidean, seed: 3);
        var every = Enumerable.Range(0, 1797).ToArray();
        Assert.Equal(1.0, NearestNeighbors.SampledRecall(exact, ProjectionGolden.Digits, 64, ProjectionMetric.Euclidean, every));
        double full = NearestNeighbors.Recall(descent, exact);
        double sampled = NearestNeighbors.SampledRecall(descent, ProjectionGolden.Digits, 64, ProjectionMetric.Euclidean, every);
        Assert.Equal(((15 * full) - 1) / 14, sampled, 1e-12);
    }

    [Fact]
    public void Nn_descent_is_deterministic_for_a_seed()
    {
        var a = NearestNeighbors.Descent(ProjectionGolden.Digits, 1797, 64, 15, ProjectionMetric.Euclidean, seed: 9);
        var b = NearestNeighbors.Descent(ProjectionGolden.Digits, 1797, 64, 15, ProjectionMetric.Euclidean, seed: 9);
        Assert.Equal(a.Indices, b.Indices);
    }

    [Fact]
    public void Too_many_neighbours_are_refused_with_the_count()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NearestNeighbors.Exact(new float[10], 5, 2, 6, ProjectionMetric.Euclidean));
        Assert.Contains("5 points", error.Message, StringComparison.Ordinal);
    }

    /// <summary>NN-descent's recall at k = 15 against the exact search.</summary>
    private static void AssertRecallAtLeast(double least, float[] points, int rows, int columns, ProjectionMetric metric, ulong seed)
    {
        var exact = NearestNeighbors.Exact(points, rows, columns, 15, metric);
        var descent = NearestNeighbors.Descent(points, rows, columns, 15, metric, seed);
        double recall = NearestNeighbors.Recall(descent, exact);
        Assert.True(recall >= least, $"recall {recall}");
    }

    private static double Distance(float[] p, int d, int i, int j, ProjectionMetric metric)
    {
        double dot = 0, ni = 0, nj = 0, sq = 0;
        for (int k = 0; k < d; k++)
        {
            double a = p[(i * d) + k], b = p[(j * d) + k];
            dot += a * b;
            ni += a * a;
            nj += b * b;
            sq += (a - b) * (a - b);
        }

        return metric == ProjectionMetric.Euclidean ? Math.Sqrt(sq) : 1 - (dot / Math.Sqrt(ni * nj));
    }
}
