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
        var command = new Command("report",
            "Write one self-contained report.html (figures, tables, an interactive map) from a results directory; computes projections/ when it is absent.")
        {
            directory, output, maxPoints,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.Run(context, () =>
            Run(context, parse.GetValue(directory)!, parse.GetValue(output), parse.GetValue(maxPoints), cancellationToken)));
        return command;
    }

    /// <summary>The parts of a results directory (docs/results.md); a folder with none of them is not one.</summary>
    private static readonly string[] Parts =
        ["results.json", "diagrams", "embeddings", "wasserstein.csv", "subspace_angles.csv", "similarity.csv", "captions", "texts", "thumbnails", "projections"];

    private static int Run(CliContext context, string directory, string? outPath, int maxPoints, CancellationToken cancellationToken)
    {
        if (maxPoints < 1)
        {
            throw new UsageException($"--max-points must be at least 1, not {maxPoints.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (File.Exists(directory))
        {
            throw new UsageException($"RESULTS_DIR {directory} is a file; give the results directory that holds results.json.");
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"RESULTS_DIR {directory} does not exist.");
        }

        if (!Parts.Any(part => Path.Exists(Path.Combine(directory, part))))
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
        var outcome = ReportGenerator.Generate(directory, outPath, ProjectionMethods.Default, new ReportOptions { MaxInteractivePoints = maxPoints }, progress, cancellationToken);
        foreach (string level in outcome.ProjectionsWritten)
        {
            context.Error.WriteLine($"clipgeo: wrote projections/{level}.csv");
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
