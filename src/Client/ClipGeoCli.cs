using System.CommandLine;
using ClipGeometry.Client.Cli;

namespace ClipGeometry.Client;

/// <summary>The <c>clipgeo</c> command line: one root command with a subcommand per task.</summary>
public static class ClipGeoCli
{
    /// <summary>Builds the root command; commands write through <paramref name="context"/>.</summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "ClipGeometry: the geometry and topology of CLIP embedding spaces — persistent homology, diagram distances, " +
            "subspace angles, similarity statistics and embeddings, on one machine or an Orleans cluster.");
        foreach (var command in Commands.CommandCatalog.Create(context))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (0 success, 1 failure, 2 usage).</summary>
    public static int Run(string[] args, CliContext? context = null, CancellationToken cancellationToken = default)
    {
        context ??= CliContext.Console;
        var root = Build(context);
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        bool helpRequested = args.TakeWhile(static a => a != "--").Any(static a => a is "--help" or "-h" or "-?");
        IReadOnlyList<string> problems = helpRequested ? [] : Cli.CommandLineChecks.Problems(parse);
        if (problems.Count > 0)
        {
            foreach (string problem in problems)
            {
                context.Error.WriteLine($"clipgeo: {problem}");
            }

            context.Error.WriteLine("Run 'clipgeo --help' (or 'clipgeo COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }

        return parse.InvokeAsync(invocation, cancellationToken).GetAwaiter().GetResult();
    }
}
