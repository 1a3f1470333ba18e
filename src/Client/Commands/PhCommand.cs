using System.CommandLine;
using System.Globalization;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Geometry;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Client.Commands;

/// <summary>
/// <c>clipgeo ph FILE</c>: Vietoris–Rips persistent homology of a point cloud or distance matrix, printed in
/// Ripser's text layout (header lines included, so the output diffs cleanly against <c>ripser</c>) or as JSON.
/// </summary>
internal static class PhCommand
{
    private static readonly string[] Metrics = ["euclidean", "cosine", "angular"];

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Input: comma/whitespace-separated rows, or a 2-D float32/float64 .npy." };
        var format = new Option<string>("--format")
        {
            Description = "Input layout: point-cloud (one point per row), distance (full matrix), lower-distance, upper-distance (triangular rows, with or without the zero diagonal), sparse ('i j d' rows, 0-based).",
            DefaultValueFactory = _ => "point-cloud",
        };
        format.AcceptOnlyFromAmong(PersistenceInput.Formats);
        var dim = new Option<int>("--dim") { Description = "Compute homology up to this dimension (0–5).", DefaultValueFactory = _ => 1 };
        var threshold = new Option<double?>("--threshold") { Description = "Only simplices of diameter ≤ T (classes alive at T are reported as infinite). Default: the enclosing radius, which loses nothing." };
        var metric = new Option<string>("--metric") { Description = "Distance between points of a point cloud: euclidean, cosine (1 − cos) or angular (arccos cos).", DefaultValueFactory = _ => "euclidean" };
        metric.AcceptOnlyFromAmong(Metrics);
        var nPerm = new Option<int?>("--n-perm") { Description = "Subsample the first N points of a greedy (farthest-point) permutation; the diagrams are within bottleneck distance 2r of the full ones, r the cover radius (an angle for --metric cosine and angular)." };
        var json = new Option<bool>("--json") { Description = "Write clipgeo.persistence/1 JSON instead of Ripser's text layout." };
        var memoryLimit = new Option<double?>("--memory-limit") { Description = "Refuse a run whose estimated memory exceeds this many GiB (default: half of the physical memory). The estimate is an upper bound." };
        var minPersistence = new Option<double?>("--min-persistence") { Description = "Print only intervals with death − birth ≥ X (infinite ones always); the output then differs from ripser's. A summary (counts and the longest bars per dimension) always goes to stderr." };

        var command = new Command("ph", "Vietoris–Rips persistent homology (Ripser's algorithm; output diff-able against ripser 1.2.1).")
        {
            file, format, dim, threshold, metric, nPerm, json, memoryLimit, minPersistence,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.Run(context, () =>
        {
            var request = new Request(
                parse.GetValue(file)!,
                parse.GetValue(format)!,
                parse.GetValue(dim),
                parse.GetValue(threshold),
                parse.GetValue(metric)!,
                parse.GetValue(nPerm),
                parse.GetValue(json),
                parse.GetResult(metric) is { Implicit: false },
                parse.GetValue(memoryLimit),
                parse.GetValue(minPersistence));
            return Execute(context, request, cancellationToken);
        }));
        return command;
    }

    private static int Execute(CliContext context, Request request, CancellationToken cancellationToken)
    {
        Validate(request);
        var input = PersistenceInput.Read(request.File, request.Format);
        using var progress = new StderrProgress(context.Error, interactive: ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected);
        try
        {
            return Compute(context, request, input, progress, cancellationToken);
        }
        catch (ZeroVectorException e)
        {
            throw new InputException(
                request.File,
                input.LineOf(e.PointIndex),
                $"point {e.PointIndex + 1} is the zero vector, whose {request.Metric} distance to other points is undefined (remove the row or use --metric euclidean).");
        }
        catch (MemoryBudgetException e)
        {
            throw new InsufficientMemoryException(
                e.Requirement + " Lower the threshold (--threshold), subsample with a greedy permutation (--n-perm N), lower the dimension (--dim), or raise the budget if the memory is there (--memory-limit GiB).");
        }
    }

    private static int Compute(CliContext context, Request request, PersistenceInput input, StderrProgress progress, CancellationToken cancellationToken)
    {
        var options = new PersistenceOptions
        {
            MaxDimension = request.Dimension,
            Threshold = request.Threshold,
            CancellationToken = cancellationToken,
            Progress = progress,
            MemoryBudgetBytes = request.MemoryLimitGiB is { } gib ? (long)Math.Min(gib * (1L << 30), long.MaxValue / 2) : null,
            CollectBetweenPhases = true,
        };
        var metricKind = request.Metric switch
        {
            "cosine" => DistanceMetric.Cosine,
            "angular" => DistanceMetric.Angular,
            _ => DistanceMetric.Euclidean,
        };

        // Header lines go out as soon as they are known, before the computation, as Ripser prints them.
        var header = new HeaderWriter(context.Out, enabled: !request.Json);
        PersistenceResult result;
        string metricName = request.Format == "point-cloud" ? request.Metric : "precomputed";
        if (input.Cloud is { } cloud)
        {
            if (request.NPerm is { } m && m > cloud.Count)
            {
                throw new UsageException($"--n-perm {m} is more than the {cloud.Count} points in {request.File}.");
            }

            var used = cloud;
            GreedySubsample? greedy = null;
            if (request.NPerm is { } k && k < cloud.Count)
            {
                greedy = GreedyPermutation.Select(cloud, metricKind, k);
                used = cloud.Subset(greedy.Indices);
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"clipgeo: greedy permutation kept {k} of {cloud.Count} points; {greedy.CoverRadiusMetric} cover radius {greedy.CoverRadius:R} (bottleneck error ≤ {greedy.BottleneckBound:R})."));
            }

            if (metricKind == DistanceMetric.Euclidean)
            {
                header.Line($"point cloud with {used.Count} points in dimension {used.Dimension}");
            }

            if (metricKind == DistanceMetric.Euclidean && request.Threshold is not null)
            {
                result = VietorisRipsPersistence.Compute(used, metricKind, options);
            }
            else
            {
                var matrix = DistanceMatrix.FromPointCloud(used, metricKind, -1, cancellationToken);
                result = ComputeDense(matrix, null, request, options, header);
            }

            result = result.WithSubsample(greedy);
        }
        else if (input.Dense is { } dense)
        {
            GreedySubsample? greedy = null;
            if (request.NPerm is { } k && k < dense.Count)
            {
                greedy = GreedyPermutation.Select(dense, k);
                dense = dense.Subset(greedy.Indices);
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"clipgeo: greedy permutation kept {k} points; cover radius {greedy.CoverRadius:R} (bottleneck error ≤ {greedy.BottleneckBound:R} if the matrix satisfies the triangle inequality)."));
            }

            result = ComputeDense(dense, greedy is null ? input.ValueRange : null, request, options, header).WithSubsample(greedy);
        }
        else
        {
            var sparse = input.Sparse!;
            long entries = DistanceMatrix.LowerTriangleLength(sparse.Count);
            header.Line($"sparse distance matrix with {sparse.Count} points and {sparse.EdgeCount}/{entries} entries");
            result = VietorisRipsPersistence.Compute(sparse, options);
        }

        progress.Stop();
        PersistenceSummary.Write(context.Error, result);
        if (request.MinPersistence is { } least)
        {
            result = PersistenceSummary.Filter(result, least);
        }

        if (request.Json)
        {
            PersistenceJsonWriter.Write(context.Out, result, metricName);
        }
        else
        {
            RipserTextWriter.WriteDiagrams(context.Out, result);
        }

        context.Out.Flush();
        return ExitCodes.Success;
    }

    private static PersistenceResult ComputeDense(DistanceMatrix matrix, (float Min, float Max)? fileRange, Request request, PersistenceOptions options, HeaderWriter header)
    {
        var (min, max) = fileRange ?? matrix.ValueRange();
        header.Line($"value range: [{RipserTextWriter.FormatFloat(min)},{RipserTextWriter.FormatFloat(max)}]");
        if (request.Threshold is { } t)
        {
            // Ripser 1.2.1 prints this denominator for a thresholded dense matrix.
            long n = matrix.Count;
            header.Line($"sparse distance matrix with {n} points and {matrix.CountEdges((float)t)}/{((n * n) - 1) / 2} entries");
        }
        else
        {
            header.Line($"distance matrix with {matrix.Count} points, using threshold at enclosing radius {RipserTextWriter.FormatFloat(matrix.EnclosingRadius())}");
        }

        return VietorisRipsPersistence.Compute(matrix, options);
    }

    private static void Validate(Request request)
    {
        if (request.Dimension is < 0 or > 5)
        {
            throw new UsageException($"--dim {request.Dimension} is out of range: use 0 to 5.");
        }

        if (request.MemoryLimitGiB is { } g && (!double.IsFinite(g) || g <= 0))
        {
            throw new UsageException($"--memory-limit {g.ToString(CultureInfo.InvariantCulture)} must be a positive number of GiB.");
        }

        if (request.Threshold is { } t && (!double.IsFinite(t) || t < 0))
        {
            throw new UsageException($"--threshold {t.ToString(CultureInfo.InvariantCulture)} must be a finite non-negative number.");
        }

        if (request.MinPersistence is { } x && (!double.IsFinite(x) || x < 0))
        {
            throw new UsageException($"--min-persistence {x.ToString(CultureInfo.InvariantCulture)} must be a finite non-negative number.");
        }

        if (request.NPerm is { } m && m < 1)
        {
            throw new UsageException($"--n-perm {m} must be at least 1.");
        }

        if (request.MetricGiven && request.Format != "point-cloud")
        {
            throw new UsageException($"--metric applies to point clouds only, not to --format {request.Format} (its distances are given).");
        }

        if (request.NPerm is not null && request.Format == "sparse")
        {
            throw new UsageException("--n-perm needs all pairwise distances; it does not apply to --format sparse.");
        }
    }

    private sealed record Request(string File, string Format, int Dimension, double? Threshold, string Metric, int? NPerm, bool Json, bool MetricGiven, double? MemoryLimitGiB, double? MinPersistence);

    /// <summary>Writes header lines at once (Ripser prints them before computing), unless the output is JSON.</summary>
    private sealed class HeaderWriter(TextWriter output, bool enabled)
    {
        public void Line(string line)
        {
            if (enabled)
            {
                output.Write(line);
                output.Write('\n');
                output.Flush();
            }
        }
    }
}
