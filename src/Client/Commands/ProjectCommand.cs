using System.CommandLine;
using System.Globalization;
using System.Text;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Geometry.Projections;

namespace ClipGeometry.Client.Commands;

/// <summary>
/// <c>clipgeo project POINTS --method umap|tsne --out OUT.csv</c>: a 2-D map of the rows of a CSV or .npy matrix by
/// UMAP or Barnes–Hut t-SNE, written as CSV with header <c>x,y</c>, one row per input row; progress on stderr.
/// </summary>
internal static class ProjectCommand
{
    public static Command Create(CliContext context)
    {
        var points = new Argument<string>("POINTS") { Description = "The points, n × d (.npy or CSV, one row per point)." };
        var method = new Option<string>("--method") { Description = "umap or tsne.", Required = true, HelpName = "umap|tsne" };
        var output = new Option<string>("--out") { Description = "The output CSV (header x,y, one row per point).", Required = true, HelpName = "FILE.csv" };
        var metric = new Option<string?>("--metric") { Description = "cosine or euclidean (default: cosine for umap, euclidean for tsne).", HelpName = "cosine|euclidean" };
        var neighbors = new Option<int>("--neighbors") { Description = "UMAP: neighbours per point, the point itself included.", DefaultValueFactory = _ => 15 };
        var minDist = new Option<double>("--min-dist") { Description = "UMAP: the smallest distance between points in the map.", DefaultValueFactory = _ => 0.1 };
        var perplexity = new Option<double>("--perplexity") { Description = "t-SNE: the perplexity (effective number of neighbours).", DefaultValueFactory = _ => 30 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 42 };
        var command = new Command("project", "A 2-D map of points by UMAP or t-SNE, written as CSV (x,y).")
        {
            points, method, output, metric, neighbors, minDist, perplexity, seed,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.Run(context, () =>
        {
            string chosen = parse.GetValue(method)!.ToLowerInvariant();
            if (chosen is not ("umap" or "tsne"))
            {
                throw new UsageException($"--method {parse.GetValue(method)} is not a projection; use umap or tsne.");
            }

            var distance = parse.GetValue(metric)?.ToLowerInvariant() switch
            {
                null => chosen == "umap" ? ProjectionMetric.Cosine : ProjectionMetric.Euclidean,
                "cosine" => ProjectionMetric.Cosine,
                "euclidean" => ProjectionMetric.Euclidean,
                _ => throw new UsageException($"--metric {parse.GetValue(metric)} is not supported; use cosine or euclidean."),
            };
            int k = parse.GetValue(neighbors);
            if (k < 2)
            {
                throw new UsageException($"--neighbors {k} must be at least 2 (the point itself is one of them).");
            }

            double min = parse.GetValue(minDist);
            if (!(min >= 0 && min <= 1))
            {
                throw new UsageException($"--min-dist {min.ToString(CultureInfo.InvariantCulture)} must be between 0 and 1 (the spread).");
            }

            double perp = parse.GetValue(perplexity);
            if (!(perp > 0) || double.IsInfinity(perp))
            {
                throw new UsageException($"--perplexity {perp.ToString(CultureInfo.InvariantCulture)} must be a positive number.");
            }

            string path = parse.GetValue(points)!;
            string outPath = parse.GetValue(output)!;
            var data = MatrixFile.Read(path);
            var single = new float[data.Values.Length];
            for (int i = 0; i < single.Length; i++)
            {
                single[i] = (float)data.Values[i];
            }

            if (distance == ProjectionMetric.Cosine)
            {
                for (int i = 0; i < data.Rows; i++)
                {
                    if (single.AsSpan(i * data.Columns, data.Columns).IndexOfAnyExcept(0f) < 0)
                    {
                        throw new InputException(path, 0, $"row {i + 1} is the zero vector, whose cosine distance is undefined; use --metric euclidean or remove it.");
                    }
                }
            }

            var progress = new StderrProgress(context.Error);
            context.Error.WriteLine($"clipgeo: {chosen} of {data.Rows} points × {data.Columns} columns ({distance.ToString().ToLowerInvariant()}).");
            double[] layout = chosen == "umap"
                ? Umap.Fit(single, data.Rows, data.Columns, new UmapOptions { Neighbors = k, MinDist = min, Metric = distance, Seed = parse.GetValue(seed) }, progress, cancellationToken).Embedding
                : Tsne.Fit(single, data.Rows, data.Columns, new TsneOptions { Perplexity = perp, Metric = distance, Seed = parse.GetValue(seed) }, progress, cancellationToken);
            var text = new StringBuilder("x,y\n");
            for (int i = 0; i < data.Rows; i++)
            {
                text.Append(layout[2 * i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                    .Append(layout[(2 * i) + 1].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }

            string? folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllText(outPath, text.ToString());
            context.Error.WriteLine($"clipgeo: wrote {data.Rows} rows to {outPath}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Stage messages on stderr, one line each.</summary>
    private sealed class StderrProgress(TextWriter error) : IProgress<string>
    {
        private readonly object _gate = new();

        public void Report(string value)
        {
            lock (_gate)
            {
                error.WriteLine($"clipgeo: {value}");
            }
        }
    }
}
