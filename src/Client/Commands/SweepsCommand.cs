using System.CommandLine;
using System.Globalization;
using ClipGeometry.Client.Cli;
using ClipGeometry.Client.Sweeps;
using ClipGeometry.Grains;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo sweeps</c>: the sweeps a cluster has seen, with their phase.</summary>
internal static class SweepsCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = new ClusterOptions();
        var command = new Command("sweeps", "List the sweeps of a cluster: id, submitted, phase, dataset.");
        cluster.AddTo(command, required: true);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            await using var connection = await ClusterConnection.JoinAsync(cluster.Read(parse, required: true)!, cancellationToken).ConfigureAwait(false);
            foreach (var sweep in await connection.Client.GetGrain<ISweepRegistryGrain>(0).List().ConfigureAwait(false))
            {
                var status = await connection.Client.GetGrain<ISweepCoordinatorGrain>(sweep.SweepId).GetStatus().ConfigureAwait(false);
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{sweep.SweepId}\t{sweep.CreatedUtc:O}\t{status.Phase}\t{sweep.Dataset}")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
