using System.CommandLine;
using System.Globalization;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Geometry.Diagrams;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo distance A B</c>: a distance between two persistence diagrams, printed as the last line.</summary>
internal static class DistanceCommand
{
    public static Command Create(CliContext context)
    {
        var first = new Argument<string>("A") { Description = "First diagram: Ripser text, CSV birth,death (or dim,birth,death) with inf, or clipgeo ph --json." };
        var second = new Argument<string>("B") { Description = "Second diagram, in any of the same layouts." };
        var dimension = new Option<int?>("--dim") { Description = "Homology dimension to compare (needed when a file holds several)." };
        var kind = new Option<string>("--kind")
        {
            Description = "wasserstein (exact W_p, GUDHI's conventions), bottleneck (exact), or wasserstein-1d (SciPy's 1-D distance between lifetime or death samples, the seed study's quantity).",
            DefaultValueFactory = _ => "wasserstein",
        };
        var order = new Option<string?>("--order") { Description = "Wasserstein order p ≥ 1 (default 1)." };
        var ground = new Option<string?>("--ground") { Description = "Ground metric of the plane: inf (L∞, GUDHI's default) or 2 (L2, persim's); any q ≥ 1 is accepted." };
        var approx = new Option<string?>("--approx") { Description = "Approximate W_p by the auction algorithm to this relative error (e.g. 0.01); the proven bound is printed before the distance." };
        var statistic = new Option<string>("--statistic")
        {
            Description = "For wasserstein-1d: the sample compared, lifetime (death − birth) or death.",
            DefaultValueFactory = _ => "lifetime",
        };
        var command = new Command("distance", "Distance between two persistence diagrams (Wasserstein, bottleneck, or the 1-D lifetime distance); the last line is the distance.")
        {
            first, second, dimension, kind, order, ground, approx, statistic,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.Run(context, () =>
        {
            string kindValue = parse.GetValue(kind)!;
            if (kindValue is not ("wasserstein" or "bottleneck" or "wasserstein-1d"))
            {
                throw new UsageException($"--kind '{kindValue}' must be wasserstein, bottleneck or wasserstein-1d.");
            }

            string statisticValue = parse.GetValue(statistic)!;
            if (statisticValue is not ("lifetime" or "death"))
            {
                throw new UsageException($"--statistic '{statisticValue}' must be lifetime or death.");
            }
            string? orderText = parse.GetValue(order);
            string? groundText = parse.GetValue(ground);
            string? approxText = parse.GetValue(approx);
            int? dim = parse.GetValue(dimension);
            if (dim < 0)
            {
                throw new UsageException($"--dim {dim} must be a non-negative integer.");
            }

            double p = orderText is null ? 1 : ParseOption("--order", orderText, 1, allowInfinity: false);
            double q = groundText is null ? double.PositiveInfinity : ParseOption("--ground", groundText, 1, allowInfinity: true);
            double? epsilon = approxText is null ? null : ParseOption("--approx", approxText, double.Epsilon, allowInfinity: false);
            if (kindValue != "wasserstein" && (orderText is not null || approxText is not null))
            {
                throw new UsageException($"--order and --approx apply to --kind wasserstein, not {kindValue}.");
            }

            if (kindValue == "wasserstein-1d" && groundText is not null)
            {
                throw new UsageException("--ground does not apply to --kind wasserstein-1d (it compares 1-D samples).");
            }

            string a = parse.GetValue(first)!;
            string b = parse.GetValue(second)!;
            var diagramA = ReadDiagram(a, dim);
            var diagramB = ReadDiagram(b, dim);
            switch (kindValue)
            {
                case "bottleneck":
                    context.Out.WriteLine(DiagramFile.Format(BottleneckDistance.Compute(diagramA, diagramB, q, cancellationToken)));
                    break;
                case "wasserstein-1d":
                    {
                        var which = statisticValue == "death" ? DiagramStatistic.Death : DiagramStatistic.Lifetime;
                        var result = SampleWassersteinDistance.OfDiagrams(diagramA, diagramB, which);
                        if (result.EssentialLeftOutFirst + result.EssentialLeftOutSecond > 0)
                        {
                            context.Error.WriteLine(
                                $"clipgeo: note: the 1-D distance uses finite intervals only; left out {result.EssentialLeftOutFirst} essential class(es) of {a} and {result.EssentialLeftOutSecond} of {b}.");
                        }

                        context.Out.WriteLine(DiagramFile.Format(result.Value));
                        break;
                    }

                default:
                    if (epsilon is double eps)
                    {
                        var result = WassersteinDistance.Approximate(diagramA, diagramB, eps, p, q, cancellationToken);
                        context.Out.WriteLine(result.RelativeErrorBound == 0
                            ? "# relative error 0: the value is exact (diagrams whose finite points share one birth, such as Rips H0, are matched exactly)"
                            : $"# auction: relative error <= {DiagramFile.Format(result.RelativeErrorBound)}, lower bound {DiagramFile.Format(result.LowerBound)}");
                        context.Out.WriteLine(DiagramFile.Format(result.Value));
                    }
                    else
                    {
                        context.Out.WriteLine(DiagramFile.Format(WassersteinDistance.Compute(diagramA, diagramB, p, q, cancellationToken)));
                    }

                    break;
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static double ParseOption(string name, string text, double minimum, bool allowInfinity)
    {
        if (!MatrixFile.TryParse(text, out double value) || double.IsNaN(value) || value < minimum || (!allowInfinity && double.IsInfinity(value)))
        {
            string range = allowInfinity ? $"a number ≥ {minimum.ToString(CultureInfo.InvariantCulture)} or inf" : name == "--approx" ? "a finite number > 0" : $"a finite number ≥ {minimum.ToString(CultureInfo.InvariantCulture)}";
            throw new UsageException($"{name} '{text}' must be {range}.");
        }

        return value;
    }

    private static PersistenceDiagram ReadDiagram(string path, int? dimension)
    {
        try
        {
            return DiagramFile.Read(path, dimension);
        }
        catch (AmbiguousDimensionException e)
        {
            throw new UsageException($"{e.Path} holds diagrams of dimensions {string.Join(", ", e.Dimensions)}; choose one with --dim.");
        }
    }
}
