namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// t-SNE's input similarities (van der Maaten 2014, §4.1): on each point's ⌊3·perplexity + 1⌋ nearest
/// neighbours, the conditional p(j|i) ∝ exp(−β d²) with β found by bisection (100 steps, entropy within 10⁻⁵ of
/// ln perplexity, as scikit-learn), then P = (P + Pᵀ) / Σ. Euclidean distances are squared; cosine ones are not.
/// </summary>
internal static class TsneAffinities
{
    public static SparseGraph Compute(MetricPoints cloud, double perplexity, ulong seed, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        int n = cloud.Rows;
        int k = Math.Min(n - 1, (int)((3.0 * perplexity) + 1));
        var graph = NearestNeighbors.Build(cloud, k + 1, seed, progress, cancellationToken);
        progress?.Report("perplexity calibration");
        double target = Math.Log(perplexity);
        var conditional = new double[n * k];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            Span<double> d = stackalloc double[k];
            var distances = graph.DistancesOf(i)[1..];
            for (int s = 0; s < k; s++)
            {
                d[s] = cloud.Metric == ProjectionMetric.Euclidean ? (double)distances[s] * distances[s] : distances[s];
            }

            var p = conditional.AsSpan(i * k, k);
            double beta = 1, low = double.NegativeInfinity, high = double.PositiveInfinity;
            for (int step = 0; step < 100; step++)
            {
                double sum = 0;
                for (int s = 0; s < k; s++)
                {
                    p[s] = Math.Exp(-d[s] * beta);
                    sum += p[s];
                }

                if (sum == 0)
                {
                    sum = 1e-8;
                }

                double weighted = 0;
                for (int s = 0; s < k; s++)
                {
                    p[s] /= sum;
                    weighted += d[s] * p[s];
                }

                double difference = Math.Log(sum) + (beta * weighted) - target;
                if (Math.Abs(difference) <= 1e-5)
                {
                    break;
                }

                if (difference > 0)
                {
                    low = beta;
                    beta = double.IsPositiveInfinity(high) ? beta * 2 : (beta + high) / 2;
                }
                else
                {
                    high = beta;
                    beta = double.IsNegativeInfinity(low) ? beta / 2 : (beta + low) / 2;
                }
            }
        });

        var rows = new int[2 * n * k];
        var columns = new int[rows.Length];
        var weights = new double[rows.Length];
        int e = 0;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var indices = graph.IndicesOf(i)[1..];
            for (int s = 0; s < k; s++)
            {
                double w = conditional[(i * k) + s];
                rows[e] = i;
                columns[e] = indices[s];
                weights[e++] = w;
                rows[e] = indices[s];
                columns[e] = i;
                weights[e++] = w;
                total += 2 * w;
            }
        }

        double scale = 1 / Math.Max(total, double.Epsilon);
        for (int f = 0; f < e; f++)
        {
            weights[f] *= scale;
        }

        return SparseGraph.FromTriples(n, rows, columns, weights, e, static (a, b) => a + b);
    }
}
