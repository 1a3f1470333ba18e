using MathNet.Numerics.LinearAlgebra;

namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// UMAP's spectral initialisation: the eigenvectors of the normalised Laplacian I − D^(−1/2) W D^(−1/2) with the
/// smallest non-zero eigenvalues, i.e. the largest eigenvalues of D^(−1/2) W D^(−1/2) after the trivial one
/// (∝ √d), found by Lanczos iterations with full reorthogonalisation, deflated against the trivial vector. A
/// disconnected graph is laid out component by component around well separated centres (umap-learn's scheme:
/// ± unit axes, or the principal components of the components' centroids when there are many); components too
/// small for an eigenvector are spread uniformly around their centre.
/// </summary>
internal static class SpectralLayout
{
    private const int MaximumSteps = 120;

    public static double[] Compute(SparseGraph graph, MetricPoints cloud, int dimension, ProjectionRandom random, CancellationToken cancellationToken)
    {
        var (component, count) = graph.Components();
        if (count == 1)
        {
            return Eigenvectors(graph, dimension, random, cancellationToken)
                ?? Uniform(graph.Vertices, dimension, 10.0, random);
        }

        var meta = ComponentCentres(cloud, component, count, dimension);
        var layout = new double[graph.Vertices * dimension];
        for (int label = 0; label < count; label++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double range = double.PositiveInfinity;
            for (int other = 0; other < count; other++)
            {
                double d = 0;
                for (int c = 0; c < dimension; c++)
                {
                    double difference = meta[(label * dimension) + c] - meta[(other * dimension) + c];
                    d += difference * difference;
                }

                if (d > 0)
                {
                    range = Math.Min(range, Math.Sqrt(d) / 2);
                }
            }

            if (double.IsPositiveInfinity(range))
            {
                range = 1;
            }

            var members = new List<int>();
            for (int v = 0; v < graph.Vertices; v++)
            {
                if (component[v] == label)
                {
                    members.Add(v);
                }
            }

            double[]? local = null;
            if (members.Count >= 2 * dimension && members.Count > dimension + 1)
            {
                local = Eigenvectors(Subgraph(graph, members), dimension, random, cancellationToken);
            }

            if (local is null)
            {
                local = Uniform(members.Count, dimension, 1.0, random);
            }
            else
            {
                double largest = local.Max(Math.Abs);
                for (int i = 0; i < local.Length; i++)
                {
                    local[i] /= largest > 0 ? largest : 1;
                }
            }

            for (int m = 0; m < members.Count; m++)
            {
                for (int c = 0; c < dimension; c++)
                {
                    layout[(members[m] * dimension) + c] = (local[(m * dimension) + c] * range) + meta[(label * dimension) + c];
                }
            }
        }

        return layout;
    }

    private static double[] Uniform(int count, int dimension, double half, ProjectionRandom random)
    {
        var layout = new double[count * dimension];
        for (int i = 0; i < layout.Length; i++)
        {
            layout[i] = ((2 * random.NextDouble()) - 1) * half;
        }

        return layout;
    }

    private static double[] ComponentCentres(MetricPoints cloud, int[] component, int count, int dimension)
    {
        var meta = new double[count * dimension];
        if (count <= 2 * dimension)
        {
            for (int label = 0; label < count; label++)
            {
                meta[(label * dimension) + (label % dimension)] = label < dimension ? 1 : -1;
            }

            return meta;
        }

        int columns = cloud.Columns;
        var centroids = new float[count * columns];
        var sizes = new int[count];
        for (int v = 0; v < cloud.Rows; v++)
        {
            sizes[component[v]]++;
            var row = cloud.Row(v);
            for (int c = 0; c < columns; c++)
            {
                centroids[(component[v] * columns) + c] += row[c];
            }
        }

        for (int label = 0; label < count; label++)
        {
            for (int c = 0; c < columns; c++)
            {
                centroids[(label * columns) + c] /= sizes[label];
            }
        }

        var scores = PrincipalComponents.Scores(centroids, count, columns, dimension);
        double largest = scores.Max(Math.Abs);
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] /= largest > 0 ? largest : 1;
        }

        return scores;
    }

    private static SparseGraph Subgraph(SparseGraph graph, List<int> members)
    {
        var local = new Dictionary<int, int>(members.Count);
        for (int m = 0; m < members.Count; m++)
        {
            local[members[m]] = m;
        }

        var starts = new int[members.Count + 1];
        var columns = new List<int>();
        var weights = new List<double>();
        for (int m = 0; m < members.Count; m++)
        {
            int v = members[m];
            for (int e = graph.RowStarts[v]; e < graph.RowStarts[v + 1]; e++)
            {
                columns.Add(local[graph.Columns[e]]);
                weights.Add(graph.Weights[e]);
            }

            starts[m + 1] = columns.Count;
        }

        return new SparseGraph(members.Count, starts, [.. columns], [.. weights]);
    }

    /// <summary>The <paramref name="dimension"/> leading non-trivial eigenvectors of a connected graph, n × dimension; null when the graph is too small.</summary>
    private static double[]? Eigenvectors(SparseGraph graph, int dimension, ProjectionRandom random, CancellationToken cancellationToken)
    {
        int n = graph.Vertices;
        if (n <= dimension + 1)
        {
            return null;
        }

        var scale = new double[n]; // D^(−1/2)
        var trivial = new double[n];
        double norm = 0;
        for (int v = 0; v < n; v++)
        {
            double degree = 0;
            for (int e = graph.RowStarts[v]; e < graph.RowStarts[v + 1]; e++)
            {
                degree += graph.Weights[e];
            }

            scale[v] = degree > 0 ? 1 / Math.Sqrt(degree) : 0;
            trivial[v] = Math.Sqrt(degree);
            norm += degree;
        }

        norm = Math.Sqrt(norm);
        for (int v = 0; v < n; v++)
        {
            trivial[v] /= norm;
        }

        int steps = Math.Min(n - 1, Math.Max(MaximumSteps, 4 * dimension));
        var basis = new List<double[]>(steps);
        var alphas = new List<double>(steps);
        var betas = new List<double>(steps);
        var q = new double[n];
        for (int v = 0; v < n; v++)
        {
            q[v] = random.NextGaussian();
        }

        Orthogonalise(q, trivial, basis);
        Normalise(q);
        var w = new double[n];
        for (int j = 0; j < steps; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            basis.Add(q);
            Multiply(graph, scale, q, w);
            double alpha = Dot(w, q);
            alphas.Add(alpha);
            Orthogonalise(w, trivial, basis);
            Orthogonalise(w, trivial, basis);
            double beta = Math.Sqrt(Dot(w, w));
            if (j == steps - 1 || beta < 1e-10)
            {
                break;
            }

            betas.Add(beta);
            q = new double[n];
            for (int v = 0; v < n; v++)
            {
                q[v] = w[v] / beta;
            }
        }

        int m = basis.Count;
        if (m < dimension)
        {
            return null;
        }

        var tridiagonal = Matrix<double>.Build.Dense(m, m);
        for (int i = 0; i < m; i++)
        {
            tridiagonal[i, i] = alphas[i];
            if (i + 1 < m)
            {
                tridiagonal[i, i + 1] = betas[i];
                tridiagonal[i + 1, i] = betas[i];
            }
        }

        var evd = tridiagonal.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, m).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var layout = new double[n * dimension];
        for (int c = 0; c < dimension; c++)
        {
            var s = evd.EigenVectors.Column(order[c]);
            for (int i = 0; i < m; i++)
            {
                var b = basis[i];
                double coefficient = s[i];
                for (int v = 0; v < n; v++)
                {
                    layout[(v * dimension) + c] += coefficient * b[v];
                }
            }
        }

        return layout;
    }

    /// <summary>w = D^(−1/2) W D^(−1/2) q.</summary>
    private static void Multiply(SparseGraph graph, double[] scale, double[] q, double[] w)
    {
        Parallel.For(0, (graph.Vertices + 4095) / 4096, block =>
        {
            int end = Math.Min(graph.Vertices, (block + 1) * 4096);
            for (int v = block * 4096; v < end; v++)
            {
                double sum = 0;
                for (int e = graph.RowStarts[v]; e < graph.RowStarts[v + 1]; e++)
                {
                    int u = graph.Columns[e];
                    sum += graph.Weights[e] * scale[u] * q[u];
                }

                w[v] = scale[v] * sum;
            }
        });
    }

    private static void Orthogonalise(double[] w, double[] trivial, List<double[]> basis)
    {
        Subtract(w, trivial);
        foreach (var b in basis)
        {
            Subtract(w, b);
        }
    }

    private static void Subtract(double[] w, double[] unit)
    {
        double projection = Dot(w, unit);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(unit, -projection, w, w);
    }

    private static void Normalise(double[] q)
    {
        double norm = Math.Sqrt(Dot(q, q));
        for (int v = 0; v < q.Length; v++)
        {
            q[v] /= norm;
        }
    }

    private static double Dot(double[] a, double[] b) => System.Numerics.Tensors.TensorPrimitives.Dot<double>(a, b);
}
