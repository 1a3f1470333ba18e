using System.CommandLine;
using ClipGeometry.Client.Cli;

namespace ClipGeometry.Client.Commands;

/// <summary>The list of clipgeo's subcommands, one line each, in the order <c>--help</c> shows them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return VersionCommand.Create(context);
        yield return PhCommand.Create(context);
    }
}
