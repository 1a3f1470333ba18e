using System.CommandLine;
using ClipGeometry.Client.Cli;

namespace ClipGeometry.Client.Commands;

/// <summary>The list of clipgeo's subcommands, one line each, in the order <c>--help</c> shows them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return VersionCommand.Create(context);
        yield return DemoCommand.Create(context);
        yield return SweepCommand.Create(context);
        yield return SweepsCommand.Create(context);
        yield return StatusCommand.Create(context);
        yield return ResultsCommand.Create(context);
        yield return CancelCommand.Create(context);
        yield return PhCommand.Create(context);
        yield return DistanceCommand.Create(context);
        yield return AnglesCommand.Create(context);
        yield return SimilarityCommand.Create(context);
        yield return TokenizeCommand.Create(context);
        yield return PreprocessCommand.Create(context);
        yield return EmbedCommand.Create(context);
        yield return BlurCommand.Create(context);
    }
}
