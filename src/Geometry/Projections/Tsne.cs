namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// t-distributed stochastic neighbour embedding in two dimensions with the Barnes–Hut gradient (van der Maaten
/// 2014; θ = 0.5), following scikit-learn 1.2's TSNE: sparse P on ⌊3·perplexity + 1⌋ neighbours, PCA start
/// scaled to standard deviation 10⁻⁴, 250 iterations of early exaggeration at momentum 0.5, then momentum 0.8,
/// gains (+0.2 / ×0.8, at least 0.01) and the 'auto' learning rate. Every iteration is computed in parallel over
/// points with per-point sums added in point order, so the layout is the same for any number of threads.
/// </summary>
public static class Tsne
{
    private const double ThetaSquared = 0.25;
    private const int ExplorationIterations = 250;

    /// <summary>Lays out the rows of <paramref name="points"/> (row-major float32, rows × columns) in the plane; returns rows × 2, row-major.</summary>
    public static double[] Fit(float[] points, int rows, int columns, TsneOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options, rows);
        var cloud = MetricPoints.Create(points, rows, columns, options.Metric);
        double[] y;
        if (options.Initial is not null)
        {
            y = (double[])options.Initial.Clone();
        }
        else
        {
            y = PrincipalComponents.Scores(cloud.Data, rows, columns, 2);
            double mean = 0, squares = 0;
            for (int i = 0; i < rows; i++)
            {
                mean += y[2 * i];
            }

            mean /= rows;
            for (int i = 0; i < rows; i++)
            {
                squares += (y[2 * i] - mean) * (y[2 * i] - mean);
            }

            double deviation = Math.Sqrt(squares / rows);
            double scale = deviation > 0 ? 1e-4 / deviation : 1.0;
            for (int i = 0; i < y.Length; i++)
            {
                y[i] *= scale;
            }
        }

        if (rows < 3)
        {
            return y;
        }

        var p = TsneAffinities.Compute(cloud, Math.Min(options.Perplexity, (rows - 1) / 3.0), options.Seed, progress, cancellationToken);
        double rate = options.LearningRate ?? Math.Max(rows / options.EarlyExaggeration / 4, 50);
        var state = new Descent(rows);
        int exploration = Math.Min(ExplorationIterations, options.Iterations);
        state.Run(p, y, options.EarlyExaggeration, 0.5, rate, 0, exploration, options.Iterations, progress, cancellationToken);
        state.Reset();
        state.Run(p, y, 1.0, 0.8, rate, exploration, options.Iterations, options.Iterations, progress, cancellationToken);
        return y;
    }

    private static void Check(TsneOptions options, int rows)
    {
        if (!(options.Perplexity > 0) || double.IsInfinity(options.Perplexity))
        {
            throw new ArgumentException($"t-SNE's perplexity must be a positive number, not {options.Perplexity}.");
        }

        if (options.Iterations < 1)
        {
            throw new ArgumentException($"t-SNE needs at least one iteration, not {options.Iterations}.");
        }

        if (!(options.EarlyExaggeration >= 1))
        {
            throw new ArgumentException($"t-SNE's early exaggeration must be at least 1, not {options.EarlyExaggeration}.");
        }

        if (options.LearningRate is double rate && !(rate > 0))
        {
            throw new ArgumentException($"t-SNE's learning rate must be positive, not {rate}.");
        }

        if (options.Initial is not null && options.Initial.Length != 2L * rows)
        {
            throw new ArgumentException($"t-SNE's initial layout holds {options.Initial.Length} values, not {rows} rows × 2.");
        }
    }

    /// <summary>Gradient descent with momentum and gains (scikit-learn's _gradient_descent), the gradient by Barnes–Hut.</summary>
    private sealed class Descent(int rows)
    {
        private readonly double[] _update = new double[2 * rows];
        private readonly double[] _gains = new double[2 * rows];
        private readonly double[] _gradient = new double[2 * rows];
        private readonly double[] _normalisation = new double[rows];
        private readonly BarnesHutTree _tree = new(rows);

        public void Reset()
        {
            Array.Clear(_update);
            Array.Fill(_gains, 1.0);
        }

        public void Run(SparseGraph p, double[] y, double exaggeration, double momentum, double rate, int first, int end, int total, IProgress<string>? progress, CancellationToken cancellationToken)
        {
            if (first == 0)
            {
                Reset();
            }

            for (int iteration = first; iteration < end; iteration++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Gradient(p, y, exaggeration);
                for (int i = 0; i < y.Length; i++)
                {
                    double g = _gradient[i];
                    _gains[i] = _update[i] * g < 0 ? _gains[i] + 0.2 : _gains[i] * 0.8;
                    _gains[i] = Math.Max(_gains[i], 0.01);
                    _update[i] = (momentum * _update[i]) - (rate * _gains[i] * g);
                    y[i] += _update[i];
                }

                if (progress is not null && (iteration + 1) % 50 == 0)
                {
                    progress.Report($"t-SNE: iteration {iteration + 1} of {total}");
                }
            }
        }

        /// <summary>4 (Σ_j p_ij q_ijZ (y_i − y_j) − Σ_j q_ijZ² (y_i − y_j) / Z), the KL gradient with p scaled by the exaggeration.</summary>
        private void Gradient(SparseGraph p, double[] y, double exaggeration)
        {
            int n = _normalisation.Length;
            _tree.Build(y, n);
            var gradient = _gradient;
            var normalisation = _normalisation;
            var tree = _tree;
            const int Block = 256;
            Parallel.For(0, (n + Block - 1) / Block, block =>
            {
                Span<int> stack = stackalloc int[512];
                int end = Math.Min(n, (block + 1) * Block);
                for (int i = block * Block; i < end; i++)
                {
                    double xi = y[2 * i], yi = y[(2 * i) + 1];
                    normalisation[i] = tree.Repulsion(xi, yi, ThetaSquared, stack, out double fx, out double fy);
                    gradient[2 * i] = fx;
                    gradient[(2 * i) + 1] = fy;
                }
            });

            double z = 0;
            for (int i = 0; i < n; i++)
            {
                z += normalisation[i];
            }

            double inverse = z > 0 ? 1 / z : 0;
            Parallel.For(0, (n + Block - 1) / Block, block =>
            {
                int end = Math.Min(n, (block + 1) * Block);
                for (int i = block * Block; i < end; i++)
                {
                    double xi = y[2 * i], yi = y[(2 * i) + 1], ax = 0, ay = 0;
                    for (int e = p.RowStarts[i]; e < p.RowStarts[i + 1]; e++)
                    {
                        int j = p.Columns[e];
                        double dx = xi - y[2 * j], dy = yi - y[(2 * j) + 1];
                        double q = 1 / (1 + (dx * dx) + (dy * dy));
                        double w = p.Weights[e] * exaggeration * q;
                        ax += w * dx;
                        ay += w * dy;
                    }

                    gradient[2 * i] = 4 * (ax - (gradient[2 * i] * inverse));
                    gradient[(2 * i) + 1] = 4 * (ay - (gradient[(2 * i) + 1] * inverse));
                }
            });
        }
    }
}
