using System.CommandLine;
using ClipGeometry.Client.Cli;
using ClipGeometry.Client.Sweeps;
using ClipGeometry.Grains;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo results ID --out DIR</c>: fetches a finished sweep's results directory from a cluster, in chunks.</summary>
internal static class ResultsCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The sweep's id." };
        var output = new Option<string>("--out") { Description = "The folder to write the results directory to.", Required = true, HelpName = "DIR" };
        var cluster = new ClusterOptions();
        var command = new Command("results", "Fetch a finished sweep's results directory from a cluster (see docs/results.md).") { id, output };
        cluster.AddTo(command, required: true);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            string outDir = parse.GetValue(output)!;
            OutputTarget.Folder("--out", outDir, ["results.json"], []);

            await using var connection = await ClusterConnection.JoinAsync(cluster.Read(parse, required: true)!, cancellationToken).ConfigureAwait(false);
            int files = await ResultsFetcher.FetchAsync(connection.Client.GetGrain<ISweepCoordinatorGrain>(parse.GetValue(id)!), outDir, cancellationToken).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"clipgeo: {files} files in {outDir}.").ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
