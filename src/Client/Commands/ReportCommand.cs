using System.CommandLine;
using System.Globalization;
using ClipGeometry.Client.Cli;
using ClipGeometry.Report;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo report RESULTS_DIR [--out report.html]</c>: one self-contained HTML report of a results directory.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("RESULTS_DIR") { Description = "A results directory (docs/results.md), as written by clipgeo sweep or demo." };
        var output = new Option<string?>("--out")
        {
            Description = "The HTML file to write (default: RESULTS_DIR/report.html).",
            HelpName = "report.html",
        };
        var maxPoints = new Option<int>("--max-points")
        {
            Description = "At most this many images are interactive points in the map; the rest are drawn as density.",
            DefaultValueFactory = _ => 10_000,
            HelpName = "N",
        };
        var projection = new Option<string>("--projection")
        {
            Description = "The map(s) to draw: umap, tsne, or both (two maps; t-SNE has no transform, so each level's t-SNE starts from the reference level's positions). Computed into projections/ when absent.",
            DefaultValueFactory = _ => "umap",
            HelpName = "umap|tsne|both",
        };
        var command = new Command("report",
            "Write one self-contained report.html (figures, tables, an interactive map) from a results directory; computes projections/ when it is absent.")
        {
            directory, output, maxPoints, projection,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.Run(context, () =>
            Run(context, parse.GetValue(directory)!, parse.GetValue(output), parse.GetValue(maxPoints), parse.GetValue(projection)!, cancellationToken)));
        return command;
    }

    private static int Run(CliContext context, string directory, string? outPath, int maxPoints, string projection, CancellationToken cancellationToken)
    {
        if (maxPoints < 1)
        {
            throw new UsageException($"--max-points must be at least 1, not {maxPoints.ToString(CultureInfo.InvariantCulture)}.");
        }

        var methods = ProjectionMethods.Parse(projection)
                      ?? throw new UsageException($"--projection must be one of {string.Join(", ", ProjectionMethods.Choices)}, not '{projection}'.");

        if (File.Exists(directory))
        {
            throw new UsageException($"RESULTS_DIR {directory} is a file; give the results directory that holds results.json.");
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"RESULTS_DIR {directory} does not exist.");
        }

        if (ResultsDirectory.Recognise(directory).Count == 0)
        {
            // A partial results directory still gets a report that lists what is missing; a folder with no part of one does not.
            throw new InvalidDataException(
                $"RESULTS_DIR {directory} is not a results directory: it holds no results.json, no diagrams/, no embeddings/ and no wasserstein.csv (give the folder clipgeo sweep --out or clipgeo results --out wrote).");
        }

        if (outPath is not null)
        {
            outPath = OutputTarget.File("--out", outPath, []);
        }

        var progress = new Progress<string>(line => context.Error.WriteLine("clipgeo: " + line));
        var outcome = ReportGenerator.GenerateWithMaps(directory, outPath, methods, new ReportOptions { MaxInteractivePoints = maxPoints }, progress, cancellationToken);
        foreach (string file in outcome.ProjectionsWritten)
        {
            context.Error.WriteLine($"clipgeo: wrote {file}");
        }

        if (outcome.Problems.Count > 0)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"clipgeo: note: {outcome.Problems.Count} missing or malformed part{(outcome.Problems.Count == 1 ? "" : "s")} of {directory}, listed at the top of the report; the first: {outcome.Problems[0]}"));
        }

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{outcome.Path}: {outcome.Bytes / 1024.0:F0} KiB"));
        return ExitCodes.Success;
    }
}
